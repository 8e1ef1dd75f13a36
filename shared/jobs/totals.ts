/** Money arithmetic for a job, in integer minor units: no floating point anywhere. */
import type { Charge, Money, Payment } from '../api/contract';
import type { JobRecord } from '../domain/model';

export interface JobTotals {
  subtotal: Money;
  tax: Money;
  total: Money;
  paid: Money;
  balance: Money;
}

export function jobTotals(job: Pick<JobRecord, 'currency' | 'tax'>, charges: Charge[], payments: Payment[]): JobTotals {
  const currency = job.currency;
  const sum = (amounts: Money[]) =>
    amounts.reduce((total, m) => {
      if (m.currency !== currency) throw new Error(`Mixed currencies on one job: ${m.currency} and ${currency}`);
      return total + m.amount;
    }, 0);
  const subtotal = sum(charges.map((c) => c.total));
  const tax = sum([job.tax]);
  const paid = sum(payments.map((p) => p.amount));
  const money = (amount: number): Money => ({ amount, currency });
  return { subtotal: money(subtotal), tax: money(tax), total: money(subtotal + tax), paid: money(paid), balance: money(subtotal + tax - paid) };
}
