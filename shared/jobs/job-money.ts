/**
 * A job's money as the job item holds it: summed from its invoices by the one rule
 * (shared/invoices/job-money.ts), never added to.
 */
import type { JobMoney } from '../contract/totals';

export const sameJobMoney = (a: JobMoney, b: JobMoney): boolean =>
  a.invoicedAmount === b.invoicedAmount && a.paidAmount === b.paidAmount && a.dueAmount === b.dueAmount;

export const jobMoneyFrom = (job: JobMoney): JobMoney => ({ invoicedAmount: job.invoicedAmount, paidAmount: job.paidAmount, dueAmount: job.dueAmount });
