import { normalisePhone, parseContact } from './contact';
import { showCatalogs } from '../test/i18n-support';

// The words come from the English catalog, as a browser set to English gets them.
beforeAll(() => showCatalogs('en'));

describe('normalisePhone', () => {
  it.each([
    ['(555) 555-0123', '+15555550123'],
    ['555-555-0123', '+15555550123'],
    ['555.555.0123', '+15555550123'],
    ['5555550123', '+15555550123'],
    ['1 555 555 0123', '+15555550123'],
    ['+1 555 555 0123', '+15555550123'],
    ['+1 (555) 555-0123', '+15555550123'],
    [' +44 7700 900123 ', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['555\u00a0555\u20110123', '+15555550123'],
  ])('%j → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it('does not invent a country code for numbers it cannot place', () => {
    expect(normalisePhone('555-0123')).toBe('5550123');
    expect(normalisePhone('07700 900123')).toBe('07700900123');
  });
});

describe('parseContact', () => {
  it('accepts phone numbers as people type them, in E.164', () => {
    expect(parseContact('phone', '(555) 555-0123')).toEqual({ ok: true, value: '+15555550123' });
    expect(parseContact('phone', '+44 7700 900123')).toEqual({ ok: true, value: '+447700900123' });
  });

  it('rejects phone numbers the API would reject, with an example', () => {
    for (const bad of ['555-0123', '07700 900123', '+0 555 555 0123', 'call me', '+1234567890123456']) {
      const result = parseContact('phone', bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/like \(555\) 555-0123/);
    }
  });

  it('trims and lower-cases email addresses, as the API schema does', () => {
    expect(parseContact('email', '  Jordan@Example.COM ')).toEqual({ ok: true, value: 'jordan@example.com' });
  });

  it('rejects malformed email addresses', () => {
    for (const bad of ['jordan', 'jordan@', '@example.com', 'jordan@example', `${'a'.repeat(250)}@example.com`]) {
      expect(parseContact('email', bad)).toEqual({ ok: false, message: 'Enter an email address like name@example.com.' });
    }
  });

  it('asks for the field when it is empty', () => {
    expect(parseContact('email', '   ')).toEqual({ ok: false, message: 'Enter your email address.' });
    expect(parseContact('phone', '')).toEqual({ ok: false, message: 'Enter your mobile number.' });
  });
});
