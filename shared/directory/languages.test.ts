/** Which language a customer's emails and texts use, and how much of an `Accept-Language` header is read. */
import { customerLanguageOf, messageLanguageOf } from './languages';
import { acceptLanguageReadChars, browserLanguageOf } from '../i18n/accept-language';

const nothing = { chosenLanguage: null, language: null, browserLanguage: null } as const;

describe('emails and texts: the customer\'s choice, else the business\'s setting for them, else their last browser, else the business default', () => {
  test.each([
    [{ ...nothing }, 'en', 'en'],
    [{ ...nothing }, 'es', 'es'],
    [{ ...nothing, browserLanguage: 'es' }, 'en', 'es'],
    [{ ...nothing, browserLanguage: 'es', language: 'en' }, 'es', 'en'],
    [{ ...nothing, browserLanguage: 'en', language: 'en', chosenLanguage: 'es' }, 'en', 'es'],
    [{ ...nothing, chosenLanguage: 'en', language: 'es' }, 'es', 'en'],
  ] as const)('%j with business default %s → %s', (customer, business, expected) => {
    expect(messageLanguageOf(customer, { defaultLanguage: business })).toBe(expected);
  });
});

test('the wire shows what is known, leaving out what is not', () => {
  expect(customerLanguageOf({ chosenLanguage: null, language: null }, { defaultLanguage: 'es' })).toEqual({ business: 'es' });
  expect(customerLanguageOf({ chosenLanguage: 'en', language: 'es' }, { defaultLanguage: 'es' })).toEqual({ chosen: 'en', forCustomer: 'es', business: 'es' });
});

test('Accept-Language: the first supported language by quality, and only the first characters of a huge header are read (rule 70)', () => {
  expect(browserLanguageOf('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
  expect(browserLanguageOf('fr-FR,fr;q=0.9,en;q=0.5')).toBe('en');
  expect(browserLanguageOf('de, fr')).toBeUndefined();
  expect(browserLanguageOf(undefined)).toBeUndefined();
  // A supported language past the bound is never seen: a client cannot make the parser walk megabytes.
  const padded = `${'x-pad;q=0.9,'.repeat(1 + acceptLanguageReadChars / 12)}es`;
  expect(browserLanguageOf(padded)).toBeUndefined();
  const huge = `${'a,'.repeat(500_000)}es`;
  const started = process.hrtime.bigint();
  expect(browserLanguageOf(huge)).toBeUndefined();
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
});
