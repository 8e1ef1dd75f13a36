import type { LatLng, Versioned } from '../kernel/types';

export type JobStatus = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

export interface TimeWindow {
  start: string;
  end: string;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

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
