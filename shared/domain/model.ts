/**
 * The domain's own records, as the store hands them to use cases. They are deliberately
 * close to the API shapes in shared/api/contract.ts but owned by the domain: the API view
 * is derived from them (e.g. attachment URLs are signed per request, never stored).
 */
import type { Address, Charge, JobStatus, MenuItem, Message, Money, Note, Payment, TimeWindow } from '../api/contract';

export interface Business {
  id: string;
  name: string;
  timeZone: string;
  primaryColor: string;
  logoUrl: string | null;
  menu: MenuItem[];
  contactPhone: string | null;
  contactEmail: string | null;
}

export interface Customer {
  businessId: string;
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

export type ContactChannel = 'email' | 'sms';

export interface Contact {
  channel: ContactChannel;
  /** Lower-cased email, or an E.164 phone number. */
  address: string;
}

export interface JobRecord {
  businessId: string;
  customerId: string;
  id: string;
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
  /** Tax in minor units (computed by the business's system, not by the portal). */
  tax: Money;
}

export interface AttachmentRecord {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Key in the file store; never sent to the browser. */
  fileKey: string;
}

/** A job and everything that hangs off it: the job page's one item collection. */
export interface JobBundle {
  job: JobRecord;
  charges: Charge[];
  payments: Payment[];
  notes: Note[];
  attachments: AttachmentRecord[];
  messages: Message[];
}

export interface SignInLink {
  tokenHash: string;
  businessId: string;
  customer: Customer;
  issuedAt: string;
  expiresAt: string;
}

export interface Session {
  idHash: string;
  businessId: string;
  customerId: string;
  createdAt: string;
  lastSeenAt: string;
  absoluteExpiresAt: string;
}
