import fc from 'fast-check';
import { jobTotals, lineTotal } from './totals';

const cents = fc.integer({ min: 0, max: 10_000_000 });

test('total = subtotal + tax and balance = total − paid, exactly, in integer cents', () => {
  fc.assert(
    fc.property(fc.array(cents, { maxLength: 30 }), cents, cents, (lines, tax, paid) => {
      const charges = lines.map((unitAmount, i) => ({ id: `c${i}`, description: 'x', quantity: 1, unitAmount }));
      const totals = jobTotals({ currency: 'USD', taxAmount: tax, charges }, paid);
      const subtotal = lines.reduce((a, b) => a + b, 0);
      expect(totals.subtotal.amount).toBe(subtotal);
      expect(totals.total.amount).toBe(subtotal + tax);
      expect(totals.balance.amount).toBe(subtotal + tax - paid);
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
