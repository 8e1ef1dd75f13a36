import type { LatLng, Versioned } from '../kernel/types';
import type { Address, TimeWindow } from '../contract/common';
import type { JobStatus } from '../contract/customer/jobs';
import type { JobMoney } from '../contract/totals';

export interface ChargeLine {
  id: string;
  description: string;
  quantity: number;
  /** Minor units, in the job's currency. */
  unitAmount: number;
}

/** What the business writes about a job (`PUT jobs/{jobId}`). */
export interface JobFields {
  customerId: string;
  number: string;
  title: string;
  status: JobStatus;
  scheduledStart: string;
  scheduledEnd: string;
  arrivalWindow: TimeWindow;
  scopeOfWork: string;
  address: Address;
  contact: { name: string; phone: string | null; email: string | null };
  technician: { name: string } | null;
  currency: string;
  /** Bounded (≤ 200 lines), so they live inside the job item. */
  charges: ChargeLine[];
  /** Minor units (computed by the business's system, not by the portal). */
  taxAmount: number;
  /** The service address's coordinates: the destination a tracked technician drives to. */
  location: LatLng | null;
}

export interface JobRecord extends JobFields, Versioned {
  businessId: string;
  id: string;
}

export interface PaymentRecord {
  id: string;
  paidAt: string;
  method: string;
  amount: number;
  currency: string;
}

export interface NoteRecord {
  id: string;
  at: string;
  author: string;
  text: string;
}

export interface AttachmentRecord {
  id: string;
  /** When the business started the upload; sorts the list. */
  at: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Key in the file store; never sent to the browser. */
  fileKey: string;
  /** `pending` until the business confirms the upload; customers only see `ready` ones. */
  status: 'pending' | 'ready';
}

export interface MessageRecord {
  id: string;
  at: string;
  from: 'business' | 'customer';
  author: string;
  text: string;
}

/** The sections of a job page that grow without bound: read a page at a time. */
export type JobSection = 'messages' | 'notes' | 'attachments' | 'payments';

export interface SectionRecords {
  messages: MessageRecord;
  notes: NoteRecord;
  attachments: AttachmentRecord;
  payments: PaymentRecord;
}

/**
 * A job as its writes see it: the record plus what the server keeps beside it: its invoices'
 * money (`invoicedAmount`, `paidAmount`, `dueAmount`), summed from them after every invoice write
 * that can move it (shared/invoices/job-account.ts, the rule in shared/invoices/job-money.ts).
 */
export interface JobState extends JobRecord, JobMoney {}

export const toJobRecord = ({ paidAmount: _p, invoicedAmount: _i, dueAmount: _d, ...job }: JobState): JobRecord => job;

/** One line of the customer's work history: written beside the job whenever it changes. */
export interface JobSummaryRecord extends Versioned {
  jobId: string;
  number: string;
  title: string;
  status: JobStatus;
  scheduledStart: string;
  scheduledEnd: string;
  arrivalWindow: TimeWindow;
  addressLine: string;
  currency: string;
  totalAmount: number;
  balanceAmount: number;
  /** What the charges come to beyond what the job's invoices ask for: priced, not billed yet. */
  notInvoicedAmount: number;
  /** The job's version it was written from: an older writer never overwrites a newer summary. */
  jobVersion: number;
}

/** The documents a job page lists beside the job. */
export type JobDocumentKind = 'invoice' | 'estimate';
