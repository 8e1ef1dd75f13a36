/**
 * Writing an invoice (`PUT invoices/{invoiceId}` and the demo seed). The business owns the lines;
 * the ledger (what was paid, refunded, pending, disputed) is the server's and survives every
 * write: the write reads the invoice, keeps its ledger, and writes on the version it read, so a
 * payment recorded in between makes it read again rather than be lost.
 *
 * The job page finds an invoice through a pointer in the job's partition. The invoice's write owes
 * what follows it (shared/followups): the new job's pointer, the old job's pointer gone, and every
 * job whose money it can move summed again (a new invoice, a changed total, a move). The request runs them; after a crash the
 * re-driver does, and a retried PUT of the same fields runs whatever is still owed.
 */
import { Conflict, InvalidInput } from '../kernel/errors';
import type { InvoiceFields, InvoiceRecord, InvoiceState } from './model';
import type { DirectoryStore } from '../directory/port';
import type { JobDocumentPointers, JobStore } from '../jobs/port';
import type { JobDocumentKind } from '../jobs/model';
import { noPayments, toInvoiceRecord, trackingOf } from './model';
import { canonicalJson } from '../kernel/canonical-json';
import { readModifyWrite } from '../kernel/read-modify-write';
import { defineStep, newOwedSteps, owe, type StepToOwe } from '../followups/owed';
import { runOwedSteps, type AnyStep, type RunDeps } from '../followups/run';
import { stepOwner } from '../followups/port';
import { jobMoneyStep, oweJobMoney, type JobMoneyStepDeps } from './job-account';
import type { InvoiceStore } from './port';
import { invoiceTotal } from '../contract/totals';
import { emptyLedger, statusOf } from './ledger';

/** The estimates the job-pointer step reads (where the estimate is filed now), by its own port's shape. */
type EstimateJobs = { getEstimate(businessId: string, estimateId: string, options?: { consistent?: boolean }): Promise<{ jobId: string | null } | null> };

/** What the job-pointer step uses: the document as it is now, and the job's pointers. */
export type JobPointerStepDeps = { invoices: InvoiceStore; estimates: EstimateJobs; jobDocuments: JobDocumentPointers };

/** What an invoice's write uses: the invoices, the customer and job it names, and what its steps use. */
export type InvoiceWriteDeps = RunDeps & JobPointerStepDeps & JobMoneyStepDeps & { directory: DirectoryStore };

/**
 * A job's pointer to a document written (and the previous job's removed): what a write that files
 * it under a job owes. It files the document where it is *now*, not where this write put it: two
 * moves in a row (to B, back to A) may run their steps in either order, and a step acting on its
 * own write's job would put back a pointer the later move removed.
 */
export const jobPointerStep = defineStep<{ businessId: string; kind: JobDocumentKind; documentId: string; jobId: string | null; previousJobId: string | null }, JobPointerStepDeps>(
  'job-pointer',
  async (a, deps) => {
    const current = a.kind === 'invoice' ? await deps.invoices.getInvoice(a.businessId, a.documentId, { consistent: true }) : await deps.estimates.getEstimate(a.businessId, a.documentId, { consistent: true });
    if (!current) return;
    const jobId = current.jobId;
    if (jobId) await deps.jobDocuments.putJobDocumentRef(a.businessId, jobId, a.kind, a.documentId);
    // Every job this write knew of that the document is no longer on.
    for (const left of new Set([a.previousJobId, a.jobId])) {
      if (left && left !== jobId) await deps.jobDocuments.deleteJobDocumentRef(a.businessId, left, a.kind, a.documentId);
    }
  },
);

export const oweJobPointer = (kind: JobDocumentKind, document: { businessId: string; id: string; jobId: string | null }, previousJobId: string | null) =>
  owe(jobPointerStep, `${kind}:${document.id}:${document.jobId ?? ''}:${previousJobId ?? ''}`, { businessId: document.businessId, kind, documentId: document.id, jobId: document.jobId, previousJobId });

/** The steps an invoice's write may owe. */
export const invoiceWriteSteps: readonly AnyStep<InvoiceWriteDeps>[] = [jobPointerStep, jobMoneyStep];

/**
 * What an invoice's write owes the jobs it touches: the pointers, and the money of every job whose
 * sums it can move (shared/invoices/job-money.ts): a new invoice on a job, one moved onto or off a job
 * (its payments listed on the new one), or one whose total or currency changed on the same job.
 */
export function invoiceJobSteps(
  invoice: Pick<InvoiceRecord, 'businessId' | 'id' | 'jobId' | 'total' | 'currency'>,
  previous: Pick<InvoiceState, 'jobId' | 'total' | 'currency' | 'appliedPaymentIds'> | null,
): StepToOwe[] {
  const previousJobId = previous?.jobId ?? null;
  const steps = [oweJobPointer('invoice', invoice, previousJobId)];
  const moved = previousJobId !== invoice.jobId;
  const asksOtherwise = !previous || previous.total !== invoice.total || previous.currency !== invoice.currency;
  if (invoice.jobId && (moved || asksOtherwise)) steps.push(oweJobMoney(invoice.businessId, invoice.jobId, invoice.id, moved ? (previous?.appliedPaymentIds ?? []) : []));
  if (previousJobId && moved) steps.push(oweJobMoney(invoice.businessId, previousJobId, null, []));
  return steps;
}

export async function upsertInvoice(
  businessId: string,
  invoiceId: string,
  fields: InvoiceFields,
  deps: InvoiceWriteDeps,
): Promise<{ invoice: InvoiceRecord; created: boolean }> {
  await checkReferences(businessId, fields, deps);
  const total = invoiceTotal(fields);
  const owner = stepOwner('invoice', { businessId, id: invoiceId });
  return readModifyWrite<InvoiceState | null, { invoice: InvoiceRecord; created: boolean }>(
    () => deps.invoices.getInvoice(businessId, invoiceId, { consistent: true }),
    async (existing) => {
      if (existing && sameFields(existing, fields)) {
        // A retry after a crash finishes what the first write owed (the pointers, the jobs' money).
        await runOwedSteps(owner, existing.owed, invoiceWriteSteps, deps);
        return { done: { invoice: toInvoiceRecord(existing), created: false } };
      }
      if (existing) checkLedgerAllows(existing, fields, total);
      const now = deps.clock.now().toISOString();
      const ledger = existing ? { amountPaid: existing.amountPaid, amountRefunded: existing.amountRefunded, amountPending: existing.amountPending, disputed: existing.disputed } : emptyLedger;
      const invoice: InvoiceRecord = {
        ...fields,
        ...ledger,
        businessId,
        id: invoiceId,
        // A deposit invoice stays the estimate's whatever the business writes.
        estimateId: existing?.estimateId ?? null,
        total,
        status: statusOf(ledger, total),
        version: (existing?.version ?? 0) + 1,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      const owed = newOwedSteps(invoiceJobSteps(invoice, existing), deps.clock.now(), invoice.version * 1000);
      return {
        write: () => deps.invoices.putInvoice(invoice, existing ? trackingOf(existing) : noPayments, existing?.version ?? null, owed),
        after: async () => {
          await runOwedSteps(owner, owed, invoiceWriteSteps, deps);
          return { invoice, created: !existing };
        },
      };
    },
    () => new Conflict('This invoice kept changing while we tried to save it. Please retry.'),
  );
}

async function checkReferences(businessId: string, fields: InvoiceFields, deps: { directory: DirectoryStore; jobs: JobStore }): Promise<void> {
  if (!(await deps.directory.getCustomer(businessId, fields.customerId))) {
    throw new InvalidInput([{ field: 'customerId', message: 'is not a customer of this business: PUT the customer first' }]);
  }
  if (fields.jobId) {
    const job = await deps.jobs.getJob(businessId, fields.jobId);
    if (!job) throw new InvalidInput([{ field: 'jobId', message: 'is not a job of this business: PUT the job first' }]);
    if (job.customerId !== fields.customerId) throw new InvalidInput([{ field: 'jobId', message: 'belongs to another customer than customerId' }]);
  }
}

/** Money already taken pins what it was taken for. */
function checkLedgerAllows(existing: InvoiceState, fields: InvoiceFields, total: number): void {
  const taken = existing.amountPaid + existing.amountPending;
  if (taken === 0) return;
  if (total < taken) {
    throw new Conflict(`This invoice has ${taken} (minor units) paid or on its way: its total cannot go below that (the new lines and tax come to ${total}).`);
  }
  if (fields.currency !== existing.currency) throw new Conflict('This invoice has payments: its currency cannot change.');
  if (fields.customerId !== existing.customerId) throw new Conflict('This invoice has payments: it cannot move to another customer.');
}

/** Points the job at the document (and the previous job no longer): the one way invoices and estimates are linked to jobs. */
export async function linkToJob(
  kind: JobDocumentKind,
  document: { businessId: string; id: string; jobId: string | null },
  previousJobId: string | null,
  deps: { jobDocuments: JobDocumentPointers },
): Promise<void> {
  if (document.jobId) await deps.jobDocuments.putJobDocumentRef(document.businessId, document.jobId, kind, document.id);
  if (previousJobId && previousJobId !== document.jobId) await deps.jobDocuments.deleteJobDocumentRef(document.businessId, previousJobId, kind, document.id);
}

function sameFields(stored: InvoiceState, fields: InvoiceFields): boolean {
  // Canonical: DynamoDB does not keep a map's key order, so plain JSON could see a change in none.
  const pick = (i: InvoiceFields) => canonicalJson([i.customerId, i.jobId, i.number, i.issuedAt, i.dueAt, i.currency, i.lines, i.taxAmount]);
  return pick(stored) === pick(fields);
}
