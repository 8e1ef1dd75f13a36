import {
  approvalErrors,
  approvalFieldOf,
  depositOutcomeOf,
  describeDeposit,
  formatDuration,
  groupSlotsByDay,
  isOpen,
  mayHaveReached,
  nextAttempt,
  preselectedOption,
  sentence,
} from './estimate';
import { showCatalogs } from '../test/i18n-support';

// The words come from the English catalog, as a browser set to English gets them.
beforeAll(() => showCatalogs('en'));

/** Newer ICU puts a narrow no-break space before AM/PM; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const now = new Date('2026-11-21T12:00:00Z');
const chicago = 'America/Chicago';

describe('describeDeposit', () => {
  it('says what a deposit rule asks, or nothing without one', () => {
    expect(describeDeposit({ percent: 25 }, 'USD')).toBe('25% of the option you choose');
    expect(describeDeposit({ amount: 50000 }, 'USD')).toBe('$500.00');
    expect(describeDeposit(null, 'USD')).toBeNull();
  });
});

describe('isOpen', () => {
  it('is open only while it waits for a decision', () => {
    expect(isOpen({ status: 'sent' })).toBe(true);
    for (const status of ['approved', 'declined', 'expired', 'scheduled'] as const) expect(isOpen({ status })).toBe(false);
  });
});

describe('groupSlotsByDay', () => {
  it('groups by the business\'s day, soonest first, with each time in its zone', () => {
    const slots = [
      // Wed 25th, 9 AM Chicago.
      { id: 's3', start: '2026-11-25T15:00:00Z', end: '2026-11-25T17:00:00Z', overlapsVisit: false },
      // Tue 24th, 1 PM Chicago.
      { id: 's2', start: '2026-11-24T19:00:00Z', end: '2026-11-24T21:00:00Z', overlapsVisit: false },
      // Tue 24th, 9 AM Chicago.
      { id: 's1', start: '2026-11-24T15:00:00Z', end: '2026-11-24T17:00:00Z', overlapsVisit: false },
    ];
    const days = groupSlotsByDay(slots, chicago, now);
    expect(days.map((d) => ({ day: d.day, label: d.label, slots: d.slots.map((s) => [s.id, plain(s.label)]) }))).toEqual([
      { day: '2026-11-24', label: 'Tue, Nov 24', slots: [['s1', '9:00 AM – 11:00 AM'], ['s2', '1:00 PM – 3:00 PM']] },
      { day: '2026-11-25', label: 'Wed, Nov 25', slots: [['s3', '9:00 AM – 11:00 AM']] },
    ]);
    expect(days[0]!.slots[0]).toMatchObject({ id: 's1', start: '2026-11-24T15:00:00Z', end: '2026-11-24T17:00:00Z', overlapsVisit: false });
  });

  it('puts a late-evening slot on its local day, not the UTC one', () => {
    // 02:30Z on the 25th is 8:30 PM on the 24th in Chicago.
    const days = groupSlotsByDay([{ id: 'late', start: '2026-11-25T02:30:00Z', end: '2026-11-25T04:00:00Z', overlapsVisit: false }], chicago, now);
    expect(days.map((d) => d.day)).toEqual(['2026-11-24']);
    expect(plain(days[0]!.slots[0]!.label)).toBe('8:30 PM – 10:00 PM');
    expect(groupSlotsByDay([{ id: 'late', start: '2026-11-25T02:30:00Z', end: '2026-11-25T04:00:00Z', overlapsVisit: false }], 'UTC', now).map((d) => d.day)).toEqual(['2026-11-25']);
  });

  it('is empty without slots, and leaves its input alone', () => {
    expect(groupSlotsByDay([], chicago, now)).toEqual([]);
    const slots = [
      { id: 'b', start: '2026-11-25T15:00:00Z', end: '2026-11-25T17:00:00Z', overlapsVisit: false },
      { id: 'a', start: '2026-11-24T15:00:00Z', end: '2026-11-24T17:00:00Z', overlapsVisit: false },
    ];
    groupSlotsByDay(slots, chicago, now);
    expect(slots.map((s) => s.id)).toEqual(['b', 'a']);
  });
});

describe('approvalErrors', () => {
  const ready = { signature: 'drawn' as const, optionId: 'better', name: 'Jordan Lee', drawn: true, acceptTerms: true };

  it('lets a complete approval through', () => {
    expect(approvalErrors(ready)).toEqual({});
    expect(approvalErrors({ ...ready, signature: 'typed', drawn: false })).toEqual({});
    expect(approvalErrors({ ...ready, signature: 'none', name: '', drawn: false })).toEqual({});
  });

  it('asks for an option, the typed name, the drawing and the terms, each at its field', () => {
    expect(Object.keys(approvalErrors({ signature: 'drawn', optionId: null, name: '  ', drawn: false, acceptTerms: false }))).toEqual(['option', 'name', 'drawing', 'terms']);
    expect(approvalErrors({ ...ready, drawn: false })).toEqual({ drawing: expect.stringContaining('Draw your signature') });
    expect(approvalErrors({ ...ready, name: ' ' })).toEqual({ name: 'Type your full name to sign.' });
    expect(approvalErrors({ ...ready, acceptTerms: false })).toEqual({ terms: 'Tick “I accept the terms” to approve.' });
  });

  it('accepts a typed name alone where the business allows typed (the accessible way to sign)', () => {
    expect(approvalErrors({ ...ready, signature: 'typed', drawn: false })).toEqual({});
    expect(approvalErrors({ ...ready, signature: 'typed', name: '' })).toEqual({ name: 'Type your full name to sign.' });
  });

  it('where a drawing is asked, takes the name typed as the signature instead, and still needs the name', () => {
    expect(approvalErrors({ ...ready, drawn: false, typedInstead: true })).toEqual({});
    expect(approvalErrors({ ...ready, drawn: false, typedInstead: true, name: ' ' })).toEqual({ name: 'Type your full name to sign.' });
    expect(approvalErrors({ ...ready, drawn: false, typedInstead: false })).toEqual({ drawing: 'Draw your signature in the box, or choose “Type my name as my signature”.' });
  });

  it('refuses a name longer than the API takes', () => {
    expect(approvalErrors({ ...ready, name: 'x'.repeat(201) })).toEqual({ name: 'Your name must be at most 200 characters.' });
  });
});

describe('approvalFieldOf', () => {
  it('maps the API\'s field paths onto the form', () => {
    expect(approvalFieldOf('signature.name')).toBe('name');
    expect(approvalFieldOf('body.signature.name')).toBe('name');
    expect(approvalFieldOf('signature.image')).toBe('drawing');
    expect(approvalFieldOf('signature.typed')).toBe('name');
    expect(approvalFieldOf('signature')).toBe('name');
    expect(approvalFieldOf('acceptTerms')).toBe('terms');
    expect(approvalFieldOf('/acceptTerms')).toBe('terms');
    expect(approvalFieldOf('optionId')).toBe('option');
    expect(approvalFieldOf('version')).toBeNull();
    expect(approvalFieldOf('name')).toBeNull();
  });
});

describe('sentence', () => {
  it('capitalises and ends an API message', () => {
    expect(sentence('is required: type your full name to sign')).toBe('Is required: type your full name to sign.');
    expect(sentence('Already a sentence.')).toBe('Already a sentence.');
    expect(sentence('')).toBe('');
  });
});

describe('nextAttempt', () => {
  let n = 0;
  const mint = () => `key-${++n}`;

  it('mints a fresh key for a first attempt and for a changed body', () => {
    const first = nextAttempt(null, '{"a":1}', mint);
    expect(first).toEqual({ key: expect.stringMatching(/^key-/), body: '{"a":1}', retry: false });
    const changed = nextAttempt({ ...first, retry: true }, '{"a":2}', mint);
    expect(changed.key).not.toBe(first.key);
  });

  it('keeps the key when the same body is retried after an answer that may not have come back', () => {
    const first = nextAttempt(null, '{"a":1}', mint);
    expect(nextAttempt({ ...first, retry: true }, '{"a":1}', mint).key).toBe(first.key);
  });

  it('mints a new key after a definite refusal (retrying it would only replay the refusal)', () => {
    const first = nextAttempt(null, '{"a":1}', mint);
    expect(nextAttempt(first, '{"a":1}', mint).key).not.toBe(first.key);
  });
});

describe('mayHaveReached', () => {
  it('is true for no answer and server errors, false for answers that say what happened', () => {
    expect(mayHaveReached(0)).toBe(true);
    expect(mayHaveReached(500)).toBe(true);
    expect(mayHaveReached(503)).toBe(true);
    for (const status of [200, 400, 401, 404, 409, 410, 429]) expect(mayHaveReached(status)).toBe(false);
  });
});

describe('depositOutcomeOf', () => {
  it('says nothing while the checkout is still checked, then how the deposit went', () => {
    expect(depositOutcomeOf('checking')).toBeNull();
    expect(depositOutcomeOf('paid')).toEqual({ kind: 'paid', text: 'Thank you — your deposit is paid.' });
    expect(depositOutcomeOf('processing')?.text).toContain('on its way');
    expect(depositOutcomeOf('failed')?.text).toContain('pay it again');
    expect(depositOutcomeOf('notCompleted')?.text).toContain('was not paid');
  });
});

describe('formatDuration', () => {
  it('says how long a visit takes in hours and minutes', () => {
    expect(formatDuration(120)).toBe('2 hours');
    expect(formatDuration(60)).toBe('1 hour');
    expect(formatDuration(90)).toBe('1 hour 30 minutes');
    expect(formatDuration(45)).toBe('45 minutes');
    expect(formatDuration(1)).toBe('1 minute');
    expect(formatDuration(121)).toBe('2 hours 1 minute');
  });
});

describe('preselectedOption', () => {
  it('chooses the only option of a single-option estimate, and none of several (the customer chooses)', () => {
    expect(preselectedOption([{ id: 'only' }])).toBe('only');
    expect(preselectedOption([{ id: 'good' }, { id: 'better' }])).toBeNull();
    expect(preselectedOption([])).toBeNull();
  });
});
