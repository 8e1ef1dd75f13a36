import type { JobRecord, JobSummaryRecord } from './model';
import type { JobSummary } from '../contract/customer/jobs';
import { jobTotals, type JobMoney } from '../contract/totals';

/** The summary item the work history lists, derived from the job each time it is written: its balance is the job page's balance due. */
export function summaryRecordOf(job: JobRecord, money: JobMoney, now: string): JobSummaryRecord {
  const totals = jobTotals(job, money);
  return {
    jobId: job.id,
    number: job.number,
    title: job.title,
    status: job.status,
    scheduledStart: job.scheduledStart,
    scheduledEnd: job.scheduledEnd,
    arrivalWindow: job.arrivalWindow,
    addressLine: `${job.address.line1}, ${job.address.city}`,
    currency: job.currency,
    totalAmount: totals.total.amount,
    balanceAmount: totals.balance.amount,
    notInvoicedAmount: totals.notInvoiced.amount,
    jobVersion: job.version,
    version: job.version,
    createdAt: job.createdAt,
    updatedAt: now,
  };
}

export function toJobSummary(s: JobSummaryRecord): JobSummary {
  return {
    id: s.jobId,
    number: s.number,
    title: s.title,
    status: s.status,
    scheduledStart: s.scheduledStart,
    scheduledEnd: s.scheduledEnd,
    arrivalWindow: s.arrivalWindow,
    addressLine: s.addressLine,
    total: { amount: s.totalAmount, currency: s.currency },
    balance: { amount: s.balanceAmount, currency: s.currency },
    notInvoiced: { amount: s.notInvoicedAmount, currency: s.currency },
  };
}
