import fc from 'fast-check';
import type { Charge, Payment } from '../api/contract';
import { jobTotals } from './totals';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const cents = fc.integer({ min: 0, max: 10_000_000 });

test('total = subtotal + tax and balance = total − paid, exactly, in integer cents', () => {
  fc.assert(
    fc.property(fc.array(cents, { maxLength: 30 }), cents, fc.array(cents, { maxLength: 5 }), (lines, tax, paid) => {
      const charges = lines.map((amount, i) => ({ id: `c${i}`, description: 'x', quantity: 1, unitPrice: usd(amount), total: usd(amount) })) as Charge[];
      const payments = paid.map((amount, i) => ({ id: `p${i}`, paidAt: '', method: 'card', amount: usd(amount) })) as Payment[];
      const totals = jobTotals({ currency: 'USD', tax: usd(tax) }, charges, payments);
      const subtotal = lines.reduce((a, b) => a + b, 0);
      expect(totals.subtotal.amount).toBe(subtotal);
      expect(totals.total.amount).toBe(subtotal + tax);
      expect(totals.balance.amount).toBe(subtotal + tax - paid.reduce((a, b) => a + b, 0));
      for (const m of Object.values(totals)) expect(Number.isInteger(m.amount)).toBe(true);
    }),
  );
});

test('mixing currencies on one job is refused, not silently summed', () => {
  const charge = { id: 'c', description: 'x', quantity: 1, unitPrice: usd(100), total: { amount: 100, currency: 'EUR' } };
  expect(() => jobTotals({ currency: 'USD', tax: usd(0) }, [charge], [])).toThrow(/Mixed currencies/);
});
