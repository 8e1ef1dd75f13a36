import fc from 'fast-check';
import { maxAmount } from './money';
import { invoiceTotal, jobTotals, lineTotal, lineWithinCeiling, noJobMoney, optionTotals } from './totals';

const cents = fc.integer({ min: 0, max: 10_000_000 });

test('total = subtotal + tax; balance due is what the invoices still owe; not invoiced yet = max(0, total − invoiced), exactly, in integer cents', () => {
  fc.assert(
    fc.property(fc.array(cents, { maxLength: 30 }), cents, cents, cents, cents, (lines, tax, invoiced, paid, due) => {
      const charges = lines.map((unitAmount, i) => ({ id: `c${i}`, description: 'x', quantity: 1, unitAmount }));
      const totals = jobTotals({ currency: 'USD', taxAmount: tax, charges }, { invoicedAmount: invoiced, paidAmount: paid, dueAmount: due });
      const subtotal = lines.reduce((a, b) => a + b, 0);
      expect(totals.subtotal.amount).toBe(subtotal);
      expect(totals.total.amount).toBe(subtotal + tax);
      expect(totals.balance.amount).toBe(due);
      expect(totals.paid.amount).toBe(paid);
      expect(totals.invoiced.amount).toBe(invoiced);
      expect(totals.notInvoiced.amount).toBe(Math.max(0, subtotal + tax - invoiced));
      for (const m of Object.values(totals)) {
        expect(Number.isInteger(m.amount)).toBe(true);
        expect(m.currency).toBe('USD');
      }
    }),
  );
});

test('fractional quantities (hours) give whole cents, without float drift', () => {
  expect(lineTotal({ quantity: 1.5, unitAmount: 12500 })).toBe(18750);
  expect(lineTotal({ quantity: 0.333, unitAmount: 100 })).toBe(33);
  expect(lineTotal({ quantity: 0.1, unitAmount: 3 })).toBe(0);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), cents, (milli, unit) => {
      expect(Number.isInteger(lineTotal({ quantity: milli / 1000, unitAmount: unit }))).toBe(true);
    }),
  );
});

test('rule 54: a line within the ceiling totals exactly (checked against BigInt); past it, it is refused', () => {
  const exact = (milli: number, unit: number) => {
    // Half away from zero, in integers: (milli × unit + 500) / 1000, truncated.
    const product = BigInt(milli) * BigInt(unit);
    return Number((product + 500n) / 1000n);
  };
  const check = (milli: number, unit: number) => {
    const line = { quantity: milli / 1000, unitAmount: unit };
    const within = BigInt(milli) * BigInt(unit) <= BigInt(maxAmount) * 1000n;
    expect(lineWithinCeiling(line)).toBe(within);
    if (within) expect(lineTotal(line)).toBe(exact(milli, unit));
  };
  // Anywhere, and close to the ceiling, where exactness is hardest (a unit price, then the largest quantities it allows).
  fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 0, max: maxAmount }), check), { numRuns: 1000 });
  fc.assert(
    fc.property(fc.integer({ min: 1, max: maxAmount }), fc.integer({ min: -3, max: 3 }), (unit, offset) => {
      const milli = Math.floor((maxAmount * 1000) / unit) + offset;
      if (milli >= 1 && milli <= 1_000_000_000) check(milli, unit);
    }),
    { numRuns: 2000 },
  );
  expect(lineWithinCeiling({ quantity: 1, unitAmount: maxAmount })).toBe(true);
  expect(lineWithinCeiling({ quantity: 1.001, unitAmount: maxAmount })).toBe(false);
  expect(lineWithinCeiling({ quantity: 1_000_000, unitAmount: maxAmount })).toBe(false);
  // The most a job can hold (200 lines at the ceiling, and tax) sums exactly, far below MAX_SAFE_INTEGER.
  const charges = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, description: 'x', quantity: 1_000_000, unitAmount: maxAmount / 1_000_000 }));
  expect(jobTotals({ currency: 'USD', taxAmount: maxAmount, charges }, noJobMoney).total.amount).toBe(201 * maxAmount);
  expect(201 * maxAmount).toBeLessThan(Number.MAX_SAFE_INTEGER / 1000);
});

test('the total sums rounded line amounts plus tax, in whole minor units', () => {
  expect(invoiceTotal({ lines: [{ quantity: 1.5, unitAmount: 9500 }, { quantity: 2, unitAmount: 1850 }], taxAmount: 0 })).toBe(17950);
  expect(invoiceTotal({ lines: [{ quantity: 0.333, unitAmount: 100 }], taxAmount: 7 })).toBe(40);
  expect(invoiceTotal({ lines: [], taxAmount: 0 })).toBe(0);
});

test('an estimate option adds up as an invoice does', () => {
  expect(optionTotals({ lines: [{ quantity: 1.5, unitAmount: 9500 }], taxAmount: 50 })).toEqual({ subtotal: 14250, taxAmount: 50, total: 14300 });
});
