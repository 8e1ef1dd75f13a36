/**
 * A job's money follows its invoices. What the job page and the work history show as invoiced,
 * paid and due is summed from the job's invoices by one rule (./job-money.ts: the balance due is
 * the sum of the invoices' balances; a refund does not reopen an invoice, so it does not reopen the
 * job either), and each payment on one of them is listed among the job's payments.
 *
 * The job item's sums (`invoicedAmount`, `paidAmount`, `dueAmount`) are derived, never added to.
 * After any invoice write that can move them (a new invoice on the job, a changed total, a payment
 * applied, an invoice moved to or from the job), they are summed again from the job's invoices,
 * read consistently, and written only if the job is still at the version read before summing. Two
 * payments on two invoices of one job at once converge on the sum of both; a retry after a crash
 * at any step finishes the sums and the summary (docs/data-model.md, "A job's money").
 */
import { Conflict } from '../kernel/errors';
import type { InvoicePaymentRecord, InvoiceState } from './model';
import type { Clock } from '../kernel/types';
import type { InvoiceStore, JobInvoiceList } from './port';
import type { JobDocumentPointers, JobStore } from '../jobs/port';
import type { JobState } from '../jobs/model';
import { readModifyWrite } from '../kernel/read-modify-write';
import { syncSummary } from '../jobs/write-job';
import { sameJobMoney } from '../jobs/job-money';
import { jobMoneyOf } from './job-money';
import { defineStep, owe } from '../followups/owed';

export type JobAccountDeps = { jobs: JobStore; jobDocuments: JobDocumentPointers & JobInvoiceList; clock: Clock };

/** What the job-money step uses: the job's account, and the invoice whose payments it lists. */
export type JobMoneyStepDeps = JobAccountDeps & { invoices: InvoiceStore };

/**
 * Sums the job's invoices into its money, then its work-history summary (balance due) follows.
 * `list`: payments to list among the job's payments first (those in the job's currency).
 */
export async function syncJobMoney(businessId: string, jobId: string, deps: JobAccountDeps, list: InvoicePaymentRecord[] = []): Promise<void> {
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
      const money = jobMoneyOf(job, await deps.jobDocuments.listJobInvoices(businessId, jobId));
      // Also when nothing changed: a crash after an earlier write left the summary behind.
      const summary = () => syncSummary(businessId, jobId, deps);
      if (sameJobMoney(money, job)) return { done: await summary() };
      return { write: () => deps.jobs.setMoney(businessId, jobId, job.version, money), after: summary };
    },
    () => new Conflict('This job kept changing while we added up its invoices. Please retry.'),
  );
}

/**
 * A payment applied to an invoice of a job: listed among the job's payments (once: the part's key
 * is the payment's own) and added into what the job shows as paid.
 */
export async function recordPaymentOnJob(businessId: string, jobId: string, payment: InvoicePaymentRecord, deps: JobAccountDeps): Promise<void> {
  await syncJobMoney(businessId, jobId, deps, [payment]);
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
  if (jobId) await syncJobMoney(businessId, jobId, deps, payments);
  if (previousJobId && previousJobId !== jobId) await syncJobMoney(businessId, previousJobId, deps);
}

/**
 * The step an invoice's write owes its job (shared/followups): a payment, a move, a new invoice
 * or a changed total. Lists the invoice's named payments on the job (once each) and sums the job
 * again. Safe to repeat.
 */
export const jobMoneyStep = defineStep<{ businessId: string; jobId: string; invoiceId: string | null; paymentIds: string[] }, JobMoneyStepDeps>('job-money', async (args, deps) => {
  const payments = args.invoiceId
    ? (await Promise.all(args.paymentIds.map((id) => deps.invoices.getPayment(args.businessId, args.invoiceId!, id)))).filter((p): p is InvoicePaymentRecord => p !== null)
    : [];
  await syncJobMoney(args.businessId, args.jobId, deps, payments);
});

export const oweJobMoney = (businessId: string, jobId: string, invoiceId: string | null, paymentIds: string[]) =>
  owe(jobMoneyStep, `${jobId}:${invoiceId ?? ''}:${paymentIds.join(',')}`, { businessId, jobId, invoiceId, paymentIds });
