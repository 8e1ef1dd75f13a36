import type { JobSummary } from '../api/contract';
import type { JobBundle, JobRecord } from '../domain/model';
import { jobTotals } from './totals';

/** The job as the list shows it; stored beside the customer's other jobs when the job is written. */
export function summaryOf(job: JobRecord, parts: Pick<JobBundle, 'charges' | 'payments'>): JobSummary {
  const totals = jobTotals(job, parts.charges, parts.payments);
  return {
    id: job.id,
    number: job.number,
    title: job.title,
    status: job.status,
    scheduledStart: job.scheduledStart,
    scheduledEnd: job.scheduledEnd,
    arrivalWindow: job.arrivalWindow,
    addressLine: `${job.address.line1}, ${job.address.city}`,
    total: totals.total,
    balance: totals.balance,
  };
}
