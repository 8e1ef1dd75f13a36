import type { JobSummary } from '../api/contract';
import type { JobRecord } from '../domain/model';
import type { JobTotals } from './totals';

/** The job as the list shows it; stored beside the customer's other jobs when the job is written. */
export function summaryOf(job: JobRecord, totals: JobTotals): JobSummary {
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
