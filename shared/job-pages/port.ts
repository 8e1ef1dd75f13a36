import type { EstimateRecord } from '../estimates/model';
import type { InvoiceState } from '../invoices/model';
import type { JobInvoiceList } from '../invoices/port';
import type { JobDocumentPointers } from '../jobs/port';

/** A job's documents: its pointers, its invoices, and for the job page its invoices and estimates together. */
export interface JobDocumentStore extends JobDocumentPointers, JobInvoiceList {
  /** Up to `limit` documents that point at this job (stale pointers dropped): invoices newest issued first, estimates newest sent first. */
  listJobDocuments(businessId: string, jobId: string, limit: number): Promise<{ invoices: InvoiceState[]; estimates: EstimateRecord[] }>;
}
