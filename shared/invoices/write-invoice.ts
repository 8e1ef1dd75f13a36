/**
 * Writing an invoice (`PUT invoices/{invoiceId}` and the demo seed). The business owns the lines;
 * the ledger (what was paid, refunded, pending, disputed) is the server's and survives every
 * write: the write reads the invoice, keeps its ledger, and writes on the version it read, so a
 * payment recorded in between makes it read again rather than be lost.
 *
 * The job page finds an invoice through a pointer in the job's partition, written after the
 * invoice. Moving an invoice to another job writes the new pointer, then deletes the old one; a
 * crash in between leaves a stale pointer, which readers ignore: its invoice names another job.
 */
import { backoff, maxWriteAttempts } from '../domain/retry';
import { Conflict, InvalidInput } from '../domain/errors';
import type { InvoiceFields, InvoiceRecord } from '../domain/model';
import type { Clock, DirectoryStore, InvoiceStore, JobDocumentStore, JobStore, StoredInvoice } from '../domain/ports';
import type { JobDocumentKind } from '../data/entities/job-document';
import { noPayments, toInvoiceRecord, trackingOf } from '../data/entities/invoice';
import { canonicalJson } from '../canonical-json';
import { emptyLedger, invoiceTotal, statusOf } from './ledger';
import { invoiceMovedToJob } from '../jobs/job-account';

export async function upsertInvoice(
  businessId: string,
  invoiceId: string,
  fields: InvoiceFields,
  deps: { invoices: InvoiceStore; jobDocuments: JobDocumentStore; directory: DirectoryStore; jobs: JobStore; clock: Clock },
): Promise<{ invoice: InvoiceRecord; created: boolean }> {
  await checkReferences(businessId, fields, deps);
  const total = invoiceTotal(fields);
  for (let attempt = 0; attempt < maxWriteAttempts; attempt++) {
    await backoff(attempt);
    const existing = await deps.invoices.getInvoice(businessId, invoiceId, { consistent: true });
    if (existing && sameFields(existing, fields)) {
      await linkToJob('invoice', existing, null, deps); // a retry after a crash finishes the pointer
      return { invoice: toInvoiceRecord(existing), created: false };
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
    if (!(await deps.invoices.putInvoice(invoice, existing ? trackingOf(existing) : noPayments, existing?.version ?? null))) continue; // changed meanwhile
    await linkToJob('invoice', invoice, existing?.jobId ?? null, deps);
    // What was paid on it moves with it: both jobs' paid amounts follow (shared/jobs/job-account.ts).
    if (existing && existing.jobId !== invoice.jobId && existing.amountPaid > 0) await invoiceMovedToJob(businessId, existing, invoice.jobId, existing.jobId, deps);
    return { invoice, created: !existing };
  }
  throw new Conflict('This invoice kept changing while we tried to save it. Please retry.');
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
function checkLedgerAllows(existing: StoredInvoice, fields: InvoiceFields, total: number): void {
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
  deps: { jobDocuments: JobDocumentStore },
): Promise<void> {
  if (document.jobId) await deps.jobDocuments.putJobDocumentRef(document.businessId, document.jobId, kind, document.id);
  if (previousJobId && previousJobId !== document.jobId) await deps.jobDocuments.deleteJobDocumentRef(document.businessId, previousJobId, kind, document.id);
}

function sameFields(stored: StoredInvoice, fields: InvoiceFields): boolean {
  // Canonical: DynamoDB does not keep a map's key order, so plain JSON could see a change in none.
  const pick = (i: InvoiceFields) => canonicalJson([i.customerId, i.jobId, i.number, i.issuedAt, i.dueAt, i.currency, i.lines, i.taxAmount]);
  return pick(stored) === pick(fields);
}
