/**
 * A job's money follows its invoices. What the job page and the work history show as paid is what
 * the job's invoices took (their `amountPaid`: a refund does not reopen an invoice, so it does not
 * reopen the job either), and each payment on one of them is listed among the job's payments.
 * Before this, only the demo seed wrote a job's payments: a customer who paid a job's invoice still
 * saw the job's whole balance due.
 *
 * The job item's `paidAmount` is derived, never added to. After any change that can move it (a
 * payment applied to an invoice of the job, an invoice moved to or from the job), it is summed again
 * from the job's invoices, read consistently, and written only if the stored value is still the one
 * read before summing. Two payments on two invoices of one job at once converge on the sum of both;
 * a retry after a crash at any step finishes the sum and the summary (docs/data-model.md).
 */
import { Conflict } from '../kernel/errors';
import type { InvoicePaymentRecord } from '../invoices/model';
import type { Clock } from '../kernel/types';
import type { InvoiceStore } from '../invoices/port';
import type { JobDocumentStore, JobStore } from './port';
import type { InvoiceState } from '../invoices/model';
import type { JobState } from './model';
import { readModifyWrite } from '../kernel/read-modify-write';
import { syncSummary } from './write-job';
import { defineStep, owe } from '../followups/owed';
import type { StepDeps } from '../followups/step-deps';

export type JobAccountDeps = { jobs: JobStore; jobDocuments: JobDocumentStore; clock: Clock };

/**
 * Sums the job's invoices into its `paidAmount`, then its work-history summary (balance) follows.
 * `list`: payments to list among the job's payments first (those in the job's currency).
 */
export async function syncJobPaid(businessId: string, jobId: string, deps: JobAccountDeps, list: InvoicePaymentRecord[] = []): Promise<void> {
  let listed = false; // the payments are listed on the first read only (a part's key is the payment's own)
  return readModifyWrite<JobState | null, void>(
    () => deps.jobs.getJob(businessId, jobId, { consistent: true }),
    async (job) => {
      if (!job) return { done: undefined };
      if (!listed) {
        listed = true;
        for (const payment of list.filter((p) => p.currency === job.currency)) {
          await deps.jobs.addPart(businessId, jobId, 'payments', { id: payment.id, paidAt: payment.paidAt, method: payment.method, amount: payment.amount, currency: payment.currency });
        }
      }
      const invoices = await deps.jobDocuments.listJobInvoices(businessId, jobId);
      // An invoice in another currency than the job's cannot be added to it.
      const paid = invoices.filter((invoice) => invoice.currency === job.currency).reduce((sum, invoice) => sum + invoice.amountPaid, 0);
      // Also when nothing changed: a crash after an earlier write left the summary behind.
      const summary = () => syncSummary(businessId, jobId, deps);
      if (paid === job.paidAmount) return { done: await summary() };
      return { write: () => deps.jobs.setPaidAmount(businessId, jobId, job.version, paid), after: summary };
    },
    () => new Conflict('This job kept changing while we added up what was paid on it. Please retry.'),
  );
}

/**
 * A payment applied to an invoice of a job: listed among the job's payments (once: the part's key
 * is the payment's own) and added into what the job shows as paid.
 */
export async function recordPaymentOnJob(businessId: string, jobId: string, payment: InvoicePaymentRecord, deps: JobAccountDeps): Promise<void> {
  await syncJobPaid(businessId, jobId, deps, [payment]);
}

/**
 * An invoice that already had payments arrived on a job (a deposit paid before its booking made
 * the job, or an invoice the business moved): its payments are listed on the job and summed in.
 * The job it left, if any, is summed again too (the payments listed there stay, as history).
 */
export async function invoiceMovedToJob(
  businessId: string,
  invoice: Pick<InvoiceState, 'id' | 'appliedPaymentIds'>,
  jobId: string | null,
  previousJobId: string | null,
  deps: JobAccountDeps & { invoices: InvoiceStore },
): Promise<void> {
  // Only applied payments count (one stored but not yet applied is a crash's leftover: shared/invoices/record-payment.ts).
  const payments = jobId ? (await deps.invoices.listPayments(businessId, invoice.id)).filter((p) => invoice.appliedPaymentIds.includes(p.id)) : [];
  if (jobId) await syncJobPaid(businessId, jobId, deps, payments);
  if (previousJobId && previousJobId !== jobId) await syncJobPaid(businessId, previousJobId, deps);
}

/**
 * The step a payment or a move owes a job (shared/followups): list the invoice's named payments
 * on the job (once each) and sum the job again. Safe to repeat.
 */
export const jobMoneyStep = defineStep<{ businessId: string; jobId: string; invoiceId: string | null; paymentIds: string[] }, StepDeps>('job-money', async (args, deps) => {
  const payments = args.invoiceId
    ? (await Promise.all(args.paymentIds.map((id) => deps.invoices.getPayment(args.businessId, args.invoiceId!, id)))).filter((p): p is InvoicePaymentRecord => p !== null)
    : [];
  await syncJobPaid(args.businessId, args.jobId, deps, payments);
});

export const oweJobMoney = (businessId: string, jobId: string, invoiceId: string | null, paymentIds: string[]) =>
  owe(jobMoneyStep, `${jobId}:${invoiceId ?? ''}:${paymentIds.join(',')}`, { businessId, jobId, invoiceId, paymentIds });
