/**
 * The one rule for a job's money (issue 17, rough edge 8). A job's balance due is the sum of the
 * balances of its invoices: what the customer can actually pay, and the same number the invoices
 * show. Before, the job subtracted its invoices' payments from its own charges, so a job priced at
 * $500 with a $300 invoice half paid said $350 due while its only invoice said $150.
 *
 * Only invoices in the job's currency count (one currency per job: an amount in another currency
 * cannot be added to it). Each invoice's balance is its own (`balanceOf`: never below zero, a
 * refund does not reopen it), so the job's is never below zero either.
 */
import type { JobMoney } from '../contract/totals';
import { balanceOf } from './ledger';

export function jobMoneyOf(job: { currency: string }, invoices: readonly { currency: string; total: number; amountPaid: number }[]): JobMoney {
  const counted = invoices.filter((invoice) => invoice.currency === job.currency);
  const sum = (of: (invoice: (typeof counted)[number]) => number) => counted.reduce((total, invoice) => total + of(invoice), 0);
  return { invoicedAmount: sum((i) => i.total), paidAmount: sum((i) => i.amountPaid), dueAmount: sum(balanceOf) };
}
