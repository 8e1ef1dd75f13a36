/**
 * Recording a payment against a job (the demo seed today; the payments work builds on it).
 * Exactly once without transactions: the payment item has a deterministic key (its id), the
 * job's `paidAmount` grows only if the id is not yet in `appliedPaymentIds` (one conditional
 * UpdateItem), and the summary is re-derived. Each step is safe to repeat, so a retry after a
 * crash at any point converges.
 */
import { NotFound } from '../domain/errors';
import type { PaymentRecord } from '../domain/model';
import type { Clock, JobStore } from '../domain/ports';
import { syncSummary } from './write-job';

export async function recordPayment(businessId: string, jobId: string, payment: PaymentRecord, deps: { jobs: JobStore; clock: Clock }): Promise<void> {
  const job = await deps.jobs.getJob(businessId, jobId, { consistent: true });
  if (!job) throw new NotFound(`There is no job ${jobId}.`);
  if (payment.currency !== job.currency) throw new Error(`Payment ${payment.id} is in ${payment.currency}, the job in ${job.currency}`);
  await deps.jobs.addPart(businessId, jobId, 'payments', payment);
  await deps.jobs.applyPayment(businessId, jobId, payment.id, payment.amount, deps.clock.now().toISOString());
  await syncSummary(businessId, jobId, deps);
}
