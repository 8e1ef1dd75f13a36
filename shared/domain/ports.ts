/**
 * Ports: what use cases need from the outside world. Use cases receive these as arguments and
 * never import an AWS SDK. AWS adapters (shared/adapters/aws, shared/data) and local adapters
 * (infra/local/adapters) implement them; one composition root per environment wires them.
 */
import type { Business, Contact, Customer, JobBundle, JobRecord, Session, SignInLink } from './model';
import type { JobSummary } from '../api/contract';

export interface Clock {
  now(): Date;
}

export interface Random {
  /** Cryptographically secure random bytes. */
  bytes(count: number): Buffer;
}

export interface DirectoryStore {
  getBusiness(businessId: string): Promise<Business | null>;
  /** The customer and their business in one round trip (the /api/me read). */
  getCustomerWithBusiness(businessId: string, customerId: string): Promise<{ customer: Customer; business: Business } | null>;
  findCustomerIdByContact(businessId: string, contact: Contact): Promise<string | null>;
  getCustomer(businessId: string, customerId: string): Promise<(Customer & { pendingLink: PendingLink | null }) | null>;
}

/** The customer's newest sign-in link, so a new request can retire the one before it. */
export interface PendingLink {
  tokenHash: string;
  requestId: string;
}

export interface SignInLinkStore {
  putLink(link: SignInLink): Promise<void>;
  deleteLink(tokenHash: string): Promise<void>;
  /**
   * Swap the customer's pending-link pointer from `expected` to `next`; false when someone
   * else swapped it first (a concurrent request), so the caller can retry.
   */
  swapPendingLink(businessId: string, customerId: string, expected: PendingLink | null, next: PendingLink): Promise<boolean>;
  /** Atomically removes and returns the link: the one and only use of a token. */
  consumeLink(tokenHash: string): Promise<SignInLink | null>;
}

export interface SessionStore {
  putSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | null>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
}

export interface RateLimitStore {
  /**
   * Counts one hit against `key` in the fixed window starting at `windowStart`;
   * false when the window already holds `limit` hits (the hit is not counted).
   */
  hit(key: string, windowStart: Date, windowSeconds: number, limit: number): Promise<boolean>;
}

export interface JobPage {
  items: JobSummary[];
  /** The last key read, when there may be more. */
  lastKey: string | null;
}

export interface JobStore {
  listJobs(
    businessId: string,
    customerId: string,
    query: { when: 'upcoming' | 'past'; now: Date; limit: number; after: string | null },
  ): Promise<JobPage>;
  /** The job and all its parts, or null when it does not exist in this business. */
  getJobBundle(businessId: string, jobId: string): Promise<JobBundle | null>;
}

export interface JobWriter {
  putJob(job: JobRecord, parts: Omit<JobBundle, 'job'>): Promise<void>;
}

export interface DirectoryWriter {
  putBusiness(business: Business): Promise<void>;
  putCustomer(customer: Customer): Promise<void>;
}

export interface FileLinks {
  /** A URL anyone holding it can download from until `expiresAt`. */
  signedDownloadUrl(key: string, fileName: string, expiresAt: Date): Promise<string>;
}

/** Storing files: the local stack's seed today, the business API later. */
export interface FileStore extends FileLinks {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
}

/** A message for the notification queue. The consumer does the slow part, off the request path. */
export type NotificationJob = {
  kind: 'sign-in-link';
  /** Unique per request: lets the consumer recognise a redelivery. */
  requestId: string;
  businessId: string;
  contact: Contact;
  requestedAt: string;
};

export interface NotificationQueue {
  enqueue(job: NotificationJob): Promise<void>;
}

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
}

export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}
