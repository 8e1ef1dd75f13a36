import { canPay, isSettled, methodsFor, minorDigits, outcomeOf, parseAmount, partAmount, selectionOf, waysToPay } from './payments';
import { showCatalogs } from '../test/i18n-support';

// The words come from the English catalog, as a browser set to English gets them.
beforeAll(() => showCatalogs('en'));

const usd = (amount: number) => ({ amount, currency: 'USD' });
const portalPayments = (methods: { ach: boolean; affirm: boolean; klarna: boolean }) => ({ enabled: true, methods, partialPayments: { allowed: true, minimumAmount: 1000 } });

describe('canPay', () => {
  it('needs something left to pay and no bank payment on its way', () => {
    expect(canPay({ balance: 16746, status: 'open' })).toBe(true);
    expect(canPay({ balance: 1, status: 'disputed' })).toBe(true);
    expect(canPay({ balance: 0, status: 'paid' })).toBe(false);
    expect(canPay({ balance: 0, status: 'open' })).toBe(false);
    expect(canPay({ balance: 9900, status: 'processing' })).toBe(false);
  });
});

describe('selectionOf', () => {
  it('adds up the balances of invoices in one currency', () => {
    expect(selectionOf([{ balance: 16746, currency: 'USD' }, { balance: 19900, currency: 'USD' }])).toEqual({ kind: 'total', count: 2, total: usd(36646) });
    expect(selectionOf([{ balance: 5, currency: 'JPY' }])).toEqual({ kind: 'total', count: 1, total: { amount: 5, currency: 'JPY' } });
  });

  it('cannot put two currencies in one checkout', () => {
    expect(selectionOf([{ balance: 100, currency: 'USD' }, { balance: 200, currency: 'EUR' }, { balance: 300, currency: 'USD' }])).toEqual({ kind: 'mixed', count: 3, currencies: ['EUR', 'USD'] });
  });

  it('pays at most 10 invoices at once, as the API allows', () => {
    const ten = Array.from({ length: 10 }, () => ({ balance: 100, currency: 'USD' }));
    expect(selectionOf(ten)).toMatchObject({ kind: 'total', count: 10, total: usd(1000) });
    expect(selectionOf([...ten, { balance: 100, currency: 'USD' }])).toEqual({ kind: 'tooMany', count: 11 });
  });
});

describe('ways to pay', () => {
  it('follows eligibleMethods for what the business offers, the currency and the amount', () => {
    const all = portalPayments({ ach: true, affirm: true, klarna: true });
    expect(methodsFor(all, usd(36646))).toEqual(['card', 'us_bank_account', 'affirm', 'klarna']);
    // Affirm from USD 50 only.
    expect(methodsFor(all, usd(2000))).toEqual(['card', 'us_bank_account', 'klarna']);
    expect(methodsFor(all, { amount: 36646, currency: 'EUR' })).toEqual(['card', 'klarna']);
    expect(methodsFor(portalPayments({ ach: false, affirm: false, klarna: false }), usd(36646))).toEqual(['card']);
  });

  it('says them in plain words', () => {
    expect(waysToPay(['card', 'us_bank_account', 'affirm', 'klarna'])).toBe('You can pay this by card, bank account (ACH), Affirm or Klarna.');
    expect(waysToPay(['card', 'klarna'])).toBe('You can pay this by card or Klarna.');
    expect(waysToPay(['card'])).toBe('You can pay this by card.');
  });
});

describe('parseAmount', () => {
  it('reads dollars into cents from the string, without floating point', () => {
    expect(parseAmount('20', 'USD')).toEqual({ ok: true, amount: 2000 });
    expect(parseAmount('20.5', 'USD')).toEqual({ ok: true, amount: 2050 });
    expect(parseAmount('0.29', 'USD')).toEqual({ ok: true, amount: 29 });
    // 1.15 * 100 is 114.99999999999999 in floating point.
    expect(parseAmount('1.15', 'USD')).toEqual({ ok: true, amount: 115 });
    expect(parseAmount('4.35', 'USD')).toEqual({ ok: true, amount: 435 });
    expect(parseAmount('.5', 'USD')).toEqual({ ok: true, amount: 50 });
    expect(parseAmount('20.', 'USD')).toEqual({ ok: true, amount: 2000 });
    expect(parseAmount(' $1,250.00 ', 'USD')).toEqual({ ok: true, amount: 125000 });
    expect(parseAmount('0', 'USD')).toEqual({ ok: true, amount: 0 });
  });

  it('uses the currency\'s own decimals', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, amount: 1500 });
    expect(parseAmount('1500.5', 'JPY')).toEqual({ ok: false, message: 'Enter a whole amount, like 20.' });
  });

  it('refuses what is not an amount instead of guessing', () => {
    expect(parseAmount('', 'USD')).toEqual({ ok: false, message: 'Enter an amount, like 20.00.' });
    expect(parseAmount('   ', 'USD')).toEqual({ ok: false, message: 'Enter an amount, like 20.00.' });
    expect(parseAmount('$', 'USD')).toEqual({ ok: false, message: 'Enter an amount, like 20.00.' });
    expect(parseAmount('20.555', 'USD')).toEqual({ ok: false, message: 'Use at most 2 digits after the point, like 20.00.' });
    for (const text of ['abc', '1,5', '1,50', '12,34.00', '-20', '1e3', '20.00.1', '.', '20 dollars', 'USD 20']) {
      expect({ text, result: parseAmount(text, 'USD') }).toEqual({ text, result: { ok: false, message: 'Enter the amount in numbers, like 20.00.' } });
    }
    expect(parseAmount('9'.repeat(20), 'USD')).toEqual({ ok: false, message: 'That amount is too large.' });
  });
});

describe('partAmount', () => {
  const rule = { allowed: true, minimumAmount: 1000 };

  it('is at least the minimum and at most the balance', () => {
    expect(partAmount('20', usd(19900), rule)).toEqual({ ok: true, amount: 2000 });
    expect(partAmount('10', usd(19900), rule)).toEqual({ ok: true, amount: 1000 });
    expect(partAmount('199.00', usd(19900), rule)).toEqual({ ok: true, amount: 19900 });
    expect(partAmount('9.99', usd(19900), rule)).toEqual({ ok: false, message: 'The smallest amount you can pay is $10.00.' });
    expect(partAmount('199.01', usd(19900), rule)).toEqual({ ok: false, message: 'That is more than the $199.00 left to pay.' });
    expect(partAmount('0', usd(19900), rule)).toEqual({ ok: false, message: 'Enter an amount more than zero.' });
    expect(partAmount('x', usd(19900), rule)).toEqual({ ok: false, message: 'Enter the amount in numbers, like 20.00.' });
  });

  it('lets the last bit be paid when less than the minimum is left, as checkout does', () => {
    expect(partAmount('5', usd(500), rule)).toEqual({ ok: true, amount: 500 });
    expect(partAmount('4', usd(500), rule)).toEqual({ ok: false, message: 'The smallest amount you can pay is $5.00.' });
  });
});

describe('outcomeOf', () => {
  it('says how a checkout went, and keeps checking while it is open', () => {
    expect(outcomeOf('paid', true)).toMatchObject({ kind: 'paid', heading: 'Thank you — payment received' });
    expect(outcomeOf('processing', true)).toMatchObject({ kind: 'processing', heading: 'Your bank payment is on its way', text: expect.stringContaining('up to 4 business days') });
    expect(outcomeOf('failed', false)).toMatchObject({ kind: 'failed', heading: 'Your bank payment did not go through' });
    expect(outcomeOf('open', true)).toMatchObject({ kind: 'checking' });
    expect(outcomeOf('open', false)).toMatchObject({ kind: 'notCompleted', heading: 'This payment was not completed' });
    expect(outcomeOf('expired', true)).toMatchObject({ kind: 'notCompleted', heading: 'This payment was not completed' });
  });

  it('stops asking once paid, failed or expired', () => {
    expect(['open', 'processing', 'paid', 'failed', 'expired'].filter((s) => isSettled(s as 'open'))).toEqual(['paid', 'failed', 'expired']);
  });
});
