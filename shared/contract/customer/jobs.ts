/**
 * The customer API: their jobs. `GET /api/jobs` lists upcoming or past visits, `GET /api/jobs/{jobId}`
 * is one job with the newest page of each section, `GET /api/jobs/{jobId}/{section}` reads on.
 */
import * as v from 'valibot';
import { cursorParam, limitParam, type Address, type Page, type TimeWindow } from '../common';
import type { Money } from '../money';
import type { EstimateSummary } from './estimates';
import type { InvoiceSummary } from './invoices';

export type JobStatus = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

/** A message on a job, either way. */
export interface Message {
  id: string;
  at: string;
  from: 'business' | 'customer';
  author: string;
  text: string;
}

export const JobId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a job id'));
export const JobPath = v.strictObject({ jobId: JobId });

export const JobListQuery = v.strictObject({
  when: v.optional(v.picklist(['upcoming', 'past'], 'must be "upcoming" or "past"'), 'upcoming'),
  cursor: cursorParam(512),
  limit: limitParam(50, 20),
});
export type JobListQuery = v.InferOutput<typeof JobListQuery>;

export const jobSections = ['messages', 'notes', 'attachments', 'payments'] as const;
export const JobSectionPath = v.strictObject({
  jobId: JobId,
  section: v.picklist(jobSections, `must be one of ${jobSections.join(', ')}`),
});
export const JobSectionQuery = v.strictObject({ cursor: cursorParam(512), limit: limitParam(100, 50) });

export interface JobSummary {
  id: string;
  number: string;
  title: string;
  status: JobStatus;
  scheduledStart: string;
  scheduledEnd: string;
  arrivalWindow: TimeWindow;
  addressLine: string;
  total: Money;
  /** Balance due: what the job's invoices still ask for (the job page's "Balance due"). */
  balance: Money;
  /** Priced on the job but on no invoice yet (the job page's "Not invoiced yet"): not part of the balance. */
  notInvoiced: Money;
  /** Messages from the business the customer has not read yet (opening the job reads them); in the job list only. */
  unreadMessages?: number;
}

export type JobListResponse = Page<JobSummary>;

export interface Charge {
  id: string;
  description: string;
  quantity: number;
  unitPrice: Money;
  total: Money;
}

export interface Payment {
  id: string;
  paidAt: string;
  method: string;
  amount: Money;
}

export interface Note {
  id: string;
  at: string;
  author: string;
  text: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Short-lived download URL (minutes); fetch the job again for a fresh one. */
  url: string;
  urlExpiresAt: string;
}

export interface JobDetail extends JobSummary {
  scopeOfWork: string;
  address: Address;
  contact: { name: string; phone: string | null; email: string | null };
  technician: { name: string } | null;
  charges: Charge[];
  /**
   * `total` is the charges and tax; `balance` (balance due) is the sum of the job's invoices'
   * balances, the same number they show; `notInvoiced` is what the charges come to beyond what
   * the invoices ask for (`invoiced`), never below zero (shared/jobs/job-money.ts).
   */
  totals: { subtotal: Money; tax: Money; total: Money; invoiced: Money; notInvoiced: Money; paid: Money; balance: Money };
  /** The invoices the business issued for this job, newest first (usually one). */
  invoices: InvoiceSummary[];
  /** The estimates written for this job, newest first. */
  estimates: EstimateSummary[];
  /** Each section is its newest page; `GET /api/jobs/{jobId}/{section}?cursor=` reads on. */
  payments: Page<Payment>;
  notes: Page<Note>;
  attachments: Page<Attachment>;
  messages: Page<Message>;
}

export type JobSectionName = (typeof jobSections)[number];
export type JobSectionItem = { messages: Message; notes: Note; attachments: Attachment; payments: Payment };

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerJobSchemas = {
  listJobs: { query: JobListQuery },
  getJob: { path: JobPath },
  listJobSection: { path: JobSectionPath, query: JobSectionQuery },
} as const;
