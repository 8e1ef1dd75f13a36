/**
 * The one rule for a job's balance (issue 17, rough edge 8): the job's balance due is the sum of
 * its invoices' balances, never below zero, and what its charges come to beyond its invoices is
 * shown apart as "not invoiced yet".
 */
import fc from 'fast-check';
import { jobMoneyOf } from './job-money';
import { jobTotals } from '../contract/totals';
import { balanceOf } from './ledger';

const cents = fc.integer({ min: 0, max: 10_000_000 });
const invoice = fc.record({ currency: fc.constantFrom('USD', 'USD', 'USD', 'CAD'), total: cents, amountPaid: cents });
const job = (charges: number[], taxAmount: number) => ({ currency: 'USD', taxAmount, charges: charges.map((unitAmount) => ({ quantity: 1, unitAmount })) });

test('balance due = Σ the balances of the job\'s invoices (in its currency), never negative; not invoiced yet = max(0, charges − invoiced)', () => {
  fc.assert(
    fc.property(fc.array(cents, { maxLength: 20 }), cents, fc.array(invoice, { maxLength: 12 }), (charges, tax, invoices) => {
      const money = jobMoneyOf({ currency: 'USD' }, invoices);
      const inUsd = invoices.filter((i) => i.currency === 'USD');
      const totals = jobTotals(job(charges, tax), money);
      expect(totals.balance.amount).toBe(inUsd.reduce((sum, i) => sum + balanceOf(i), 0));
      expect(totals.balance.amount).toBeGreaterThanOrEqual(0);
      expect(totals.paid.amount).toBe(inUsd.reduce((sum, i) => sum + i.amountPaid, 0));
      expect(totals.invoiced.amount).toBe(inUsd.reduce((sum, i) => sum + i.total, 0));
      expect(totals.notInvoiced.amount).toBe(Math.max(0, totals.total.amount - totals.invoiced.amount));
      expect(totals.notInvoiced.amount).toBeGreaterThanOrEqual(0);
      for (const m of Object.values(totals)) expect(Number.isInteger(m.amount)).toBe(true);
    }),
  );
});

test('the walk-through\'s job: $500 of work, one $300 invoice with $150 paid: $150 due (what the invoice says), $200 not invoiced yet', () => {
  const totals = jobTotals(job([50_000], 0), jobMoneyOf({ currency: 'USD' }, [{ currency: 'USD', total: 30_000, amountPaid: 15_000 }]));
  expect(totals.balance.amount).toBe(15_000);
  expect(totals.notInvoiced.amount).toBe(20_000);
  expect(totals.paid.amount).toBe(15_000);
});

test('an overpaid invoice owes nothing and takes nothing off another invoice\'s balance; an invoice in another currency is not added', () => {
  const money = jobMoneyOf({ currency: 'USD' }, [
    { currency: 'USD', total: 10_000, amountPaid: 12_000 },
    { currency: 'USD', total: 5_000, amountPaid: 0 },
    { currency: 'CAD', total: 9_000, amountPaid: 0 },
  ]);
  expect(money).toEqual({ invoicedAmount: 15_000, paidAmount: 12_000, dueAmount: 5_000 });
});

test('a job with no invoices owes nothing yet: its whole price is not invoiced yet', () => {
  const totals = jobTotals(job([20_000, 5_000], 2_000), jobMoneyOf({ currency: 'USD' }, []));
  expect(totals.balance.amount).toBe(0);
  expect(totals.notInvoiced.amount).toBe(27_000);
});
