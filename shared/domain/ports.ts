/**
 * Ports: what use cases need from the outside world. Use cases receive these as arguments and
 * never import an AWS SDK. The DynamoDB stores (shared/data), the AWS adapters
 * (shared/adapters/aws) and the local adapters (infra/local/adapters) implement them; one
 * composition root per environment wires them (functions/wiring/aws.ts, infra/local/wiring.ts).
 */
import type {
  ApiKeyRecord,
  Business,
  Contact,
  CheckoutRecord,
  Customer,
  ObjectLink,
  ObjectLinkKind,
  EstimateRecord,
  SlotRecord,
  InvoicePaymentRecord,
  InvoiceRecord,
  JobRecord,
  JobSection,
  Page,
  SectionRecords,
  Session,
  SignInLink,
  TrackedPosition,
  TrackingVisitRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from './model';
import type { CustomerWithLink, PendingLink } from '../data/entities/customer';
import type { JobSummaryRecord, StoredJob } from '../data/entities/job';
import type { IdempotencyRecord } from '../data/entities/business-api';
import type { InvoiceList, PaymentTracking, StoredInvoice } from '../data/entities/invoice';
import type { EstimateList, EstimateListView } from '../data/entities/estimate';
import type { JobDocumentKind } from '../data/entities/job-document';
import type { Key } from '../data/entity';
import type { webhookEventTypes } from '../contract/business/webhooks';
import type { OwedSteps } from '../followups/owed';

export type { CustomerWithLink, PendingLink, JobSummaryRecord, StoredJob, IdempotencyRecord, InvoiceList, PaymentTracking, StoredInvoice, EstimateList, Key };

export interface Clock {
  now(): Date;
}

export interface Random {
  /** Cryptographically secure random bytes. */
  bytes(count: number): Buffer;
}

/** A page read from the store: the records and, when there may be more, the last key read. */
export interface StorePage<T, K = Key> {
  items: T[];
  lastKey: K | null;
}

/** Position in the changes index (a "changed since" list). */
export interface ChangesKey extends Key {
  gsi1pk: string;
  gsi1sk: string;
}

export interface ChangesQuery {
  since: string | null;
  limit: number;
  after: ChangesKey | null;
}

export interface DirectoryStore {
  getBusiness(businessId: string): Promise<Business | null>;
  findBusinessIdBySlug(slug: string): Promise<string | null>;
  /** The slug item: whom it points at, and until when it is held after its business moved away (null: not held). */
  findSlug(slug: string): Promise<{ businessId: string; heldUntil: string | null } | null>;
  /** The customer and their business in one round trip (the /api/me read). */
  getCustomerWithBusiness(businessId: string, customerId: string): Promise<{ customer: Customer; business: Business } | null>;
  findCustomerIdByContact(businessId: string, contact: Contact): Promise<string | null>;
  /** Strongly consistent, with the server-owned link pointer. */
  getCustomer(businessId: string, customerId: string): Promise<CustomerWithLink | null>;

  /** Writes the business if `expectedVersion` still holds (null: only if it does not exist yet). */
  putBusiness(business: Business, expectedVersion: number | null): Promise<boolean>;
  /** Claims `slug` for the business; false when another business has it or holds it past `now`. */
  claimSlug(slug: string, businessId: string, now: string): Promise<boolean>;
  /** Keeps a slug the business moved away from as its own until `heldUntil` (if it still points at this business). */
  holdSlug(slug: string, businessId: string, heldUntil: string, now: string): Promise<void>;
  /** Writes the profile attributes only (never `pendingLink`), if `expectedVersion` still holds. */
  putCustomerProfile(customer: Customer, expectedVersion: number | null): Promise<boolean>;
  /** Points `contact` at the customer; false when another customer of the business holds it. */
  claimContact(businessId: string, contact: Contact, customerId: string, now: string): Promise<boolean>;
  /** Deletes the lookup if it still points at this customer. */
  releaseContact(businessId: string, contact: Contact, customerId: string): Promise<void>;
  listCustomersChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<Customer, ChangesKey>>;
}

export type CapabilityLink = { kind: 'sign-in'; link: SignInLink } | { kind: 'object'; link: ObjectLink };

export interface SignInLinkStore {
  putLink(link: SignInLink): Promise<void>;
  deleteLink(tokenHash: string): Promise<void>;
  /** A sign-in link, or a link to an invoice or estimate, by its token's hash, read without using it (the link page naming its business). */
  findCapabilityLink(tokenHash: string): Promise<CapabilityLink | null>;
  /**
   * Swaps the customer's pending-link pointer from `expected` to `next`; false when someone else
   * swapped it first (a concurrent request), so the caller can retry.
   */
  swapPendingLink(businessId: string, customerId: string, expected: PendingLink | null, next: PendingLink): Promise<boolean>;
  /** Records that the pending link went out, so a redelivered request sends nothing twice. */
  markLinkSent(businessId: string, customerId: string, tokenHash: string, sentAt: string): Promise<void>;
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
  /** The hits counted against `key` in the window so far (0 when none). */
  count(key: string, windowStart: Date): Promise<number>;
}

export interface JobStore {
  listJobs(
    businessId: string,
    customerId: string,
    query: { when: 'upcoming' | 'past'; now: Date; limit: number; after: string | null },
  ): Promise<StorePage<JobSummaryRecord, string>>;
  getJob(businessId: string, jobId: string, options?: { consistent?: boolean }): Promise<StoredJob | null>;
  /** One page of one section, newest first unless `oldestFirst`. */
  readSection<S extends JobSection>(
    businessId: string,
    jobId: string,
    section: S,
    query: { limit: number; after: string | null; oldestFirst?: boolean },
  ): Promise<StorePage<SectionRecords[S], string>>;
  listJobsChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<JobRecord, ChangesKey>>;

  /**
   * Writes the job item if `expectedVersion` still holds (null: only if new), pointing it at
   * `summaryKey` and adding `retire` to the keys still to delete. False on a version conflict.
   */
  putJob(job: JobRecord, summaryKey: Key, retire: Key[], expectedVersion: number | null): Promise<boolean>;
  /** Writes the summary unless a newer job version already wrote it. */
  putSummary(key: Key, summary: JobSummaryRecord): Promise<void>;
  deleteSummary(key: Key): Promise<void>;
  /** Forgets retired summary keys once they are deleted. */
  /** `read`: the job as the caller just read it (tried first; re-read on conflict). */
  dropRetired(businessId: string, jobId: string, keys: Key[], read: Pick<StoredJob, 'version' | 'retiredSummaryKeys'>): Promise<void>;
  /** Adds a part under a deterministic key; false when it already exists (a retry). */
  addPart<S extends JobSection>(businessId: string, jobId: string, section: S, record: SectionRecords[S]): Promise<boolean>;
  /** Sets the job's `paidAmount` (derived from its invoices) if the job is still at `expectedVersion`, moving it; false when it changed meanwhile. */
  setPaidAmount(businessId: string, jobId: string, expectedVersion: number, paidAmount: number): Promise<boolean>;
  getMessage(businessId: string, jobId: string, at: string, messageId: string): Promise<SectionRecords['messages'] | null>;
  /**
   * Claims telling the customer about a message; false when they were told, or a send claimed it
   * at or after `staleBefore` (an older claim was a crash's between claim and send, and expires).
   */
  claimMessageNotice(businessId: string, jobId: string, at: string, messageId: string, now: string, staleBefore: string): Promise<boolean>;
  /** The customer was told: no claim can be taken again. */
  markMessageNoticeSent(businessId: string, jobId: string, at: string, messageId: string, now: string): Promise<void>;
  /** Whether the customer was told. */
  messageNoticeSent(businessId: string, jobId: string, at: string, messageId: string): Promise<boolean>;
  /** Undoes this claim after a failed send, so the queue's retry can send. */
  releaseMessageNotice(businessId: string, jobId: string, at: string, messageId: string, claimedAt: string): Promise<void>;
  getAttachment(businessId: string, jobId: string, attachmentId: string): Promise<SectionRecords['attachments'] | null>;
  markAttachmentReady(businessId: string, jobId: string, attachmentId: string, now: string): Promise<void>;
}

export interface InvoiceStore {
  getInvoice(businessId: string, invoiceId: string, options?: { consistent?: boolean }): Promise<StoredInvoice | null>;
  /** Writes every attribute of the invoice if the stored version is `expectedVersion` (null: it must not exist). */
  putInvoice(invoice: InvoiceRecord, tracking: PaymentTracking, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  listInvoicesChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<StoredInvoice, ChangesKey>>;
  /**
   * Holds the invoice for a live checkout until `until` (its session's expiry): true when it was
   * free, its hold had lapsed at `now`, or the checkout already held it; false when another live
   * checkout holds it.
   */
  holdForCheckout(businessId: string, invoiceId: string, hold: { checkoutId: string; until: string }, now: string): Promise<boolean>;
  /** Lets go of the invoice if that checkout still holds it. */
  releaseCheckoutHold(businessId: string, invoiceId: string, checkoutId: string): Promise<void>;
  /** The customer's open list (soonest due first) or paid list (newest issued first); `after` is a list sort key from a previous page. */
  listCustomerInvoices(businessId: string, customerId: string, query: { list: InvoiceList; limit: number; after: string | null }): Promise<StorePage<StoredInvoice, string>>;
  /** Creates the payment item; false when one with that id exists already. */
  putPayment(businessId: string, payment: InvoicePaymentRecord, now: string): Promise<boolean>;
  getPayment(businessId: string, invoiceId: string, paymentId: string): Promise<InvoicePaymentRecord | null>;
  /** All of an invoice's payments, oldest first. */
  listPayments(businessId: string, invoiceId: string): Promise<InvoicePaymentRecord[]>;
}

/** Pointers from a job to its invoices and estimates, so the job page lists them. */
export interface JobDocumentStore {
  putJobDocumentRef(businessId: string, jobId: string, kind: JobDocumentKind, documentId: string): Promise<void>;
  deleteJobDocumentRef(businessId: string, jobId: string, kind: JobDocumentKind, documentId: string): Promise<void>;
  /** Every invoice of the job, read consistently (stale pointers dropped): what its paid amount is summed from. */
  listJobInvoices(businessId: string, jobId: string): Promise<StoredInvoice[]>;
  /** Up to `limit` documents that point at this job (stale pointers dropped): invoices newest issued first, estimates newest sent first. */
  listJobDocuments(businessId: string, jobId: string, limit: number): Promise<{ invoices: StoredInvoice[]; estimates: EstimateRecord[] }>;
}

export interface ObjectLinkStore {
  /** Stores the link and its pointer in the object's partition. */
  putObjectLink(link: ObjectLink): Promise<void>;
  /** The hashes of the object's links (expired ones may linger until TTL). */
  listObjectLinks(kind: ObjectLinkKind, businessId: string, objectId: string): Promise<string[]>;
  deleteObjectLink(kind: ObjectLinkKind, businessId: string, objectId: string, tokenHash: string): Promise<void>;
  /**
   * Claims a send request (false: it was sent, or a send claimed it at or after `staleBefore`; an
   * older claim was a crash's between claim and send, and expires); `release` gives it back after a
   * failed send, `markLinkSent` ends it for good.
   */
  claimLinkSend(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string, at: string, staleBefore: string): Promise<boolean>;
  markLinkSent(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string, at: string): Promise<void>;
  linkSent(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string): Promise<boolean>;
  releaseLinkSend(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string): Promise<void>;
}

/** Technician visits (shared/tracking): one item per job, the latest position only. */
export interface TrackingStore {
  getVisit(businessId: string, jobId: string, options?: { consistent?: boolean }): Promise<TrackingVisitRecord | null>;
  /** Writes the whole visit if the stored version is `expectedVersion` (null: there is none); false if it changed meanwhile. */
  putVisit(visit: TrackingVisitRecord, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  /**
   * Stores the position if the visit is live and en route and the position is newer than the
   * stored one, in one conditional write; false otherwise (nothing written).
   */
  recordPosition(businessId: string, jobId: string, position: TrackedPosition, now: string): Promise<boolean>;
}

export interface EstimateStore {
  getEstimate(businessId: string, estimateId: string, options?: { consistent?: boolean }): Promise<EstimateRecord | null>;
  /**
   * Writes every attribute of the estimate if the stored version is `expectedVersion` (null: it
   * must not exist). Deciding and booking are this write too: of two at once, one wins.
   */
  putEstimate(estimate: EstimateRecord, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  listEstimatesChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<EstimateRecord, ChangesKey>>;
  /** Open (unexpired at `now`, soonest expiring first) or decided (newest first); `after` is a list sort key from a previous page. */
  /** The customer's open, decided or expired estimates (`after`: a list sort key from a previous page of the same view). */
  listCustomerEstimates(businessId: string, customerId: string, query: { list: EstimateListView; limit: number; after: string | null; now: string }): Promise<StorePage<EstimateRecord, string>>;
  /** Stores a drawn signature under its SHA-256 (a repeat of the same image writes nothing). */
  putSignatureImage(businessId: string, estimateId: string, imageHash: string, png: Uint8Array, at: string): Promise<void>;
  getSignatureImage(businessId: string, estimateId: string, imageHash: string): Promise<Uint8Array | null>;
  deleteSignatureImage(businessId: string, estimateId: string, imageHash: string): Promise<void>;
}

export interface SlotStore {
  getSlot(businessId: string, slotId: string): Promise<SlotRecord | null>;
  /** Writes an open slot if `expectedVersion` holds (null: it must not exist); false when it changed or is booked. */
  putSlot(slot: SlotRecord, expectedVersion: number | null): Promise<boolean>;
  /** Deletes the slot if it is open; false when it is booked or absent. */
  deleteOpenSlot(businessId: string, slotId: string): Promise<boolean>;
  /** Open slots starting after `from`, soonest first. */
  listOpenSlots(businessId: string, query: { from: string; limit: number }): Promise<SlotRecord[]>;
  /**
   * Holds an open slot for one booking request of the estimate, in one conditional write (the
   * arbiter between every booking of every customer), owing `owed`; false when it is taken or gone.
   */
  holdSlot(businessId: string, slotId: string, hold: { estimateId: string; requestId: string }, at: string, owed: OwedSteps): Promise<boolean>;
  /** Who holds the slot now (consistent): the estimate and the booking request; null when the slot is gone. */
  slotHold(businessId: string, slotId: string): Promise<{ estimateId: string | null; requestId: string | null } | null>;
  /** Gives a slot back to the open list if that booking request still holds it. */
  releaseSlot(businessId: string, slot: SlotRecord, hold: { estimateId: string; requestId: string }, at: string): Promise<void>;
}

export type NoticeSlot = 'ending' | { refundOf: string };

export interface CheckoutStore {
  getCheckout(businessId: string, checkoutId: string, options?: { consistent?: boolean }): Promise<CheckoutRecord | null>;
  /** Writes the checkout if the stored version is `expectedVersion` (null: it must not exist). */
  putCheckout(checkout: CheckoutRecord, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  /**
   * Claims one of the customer's notices about the checkout for a send (`ending`: the receipt or
   * the failure; `{ refundOf }`: the refund of that invoice's duplicate payment): false when it was
   * sent, or a send claimed it at or after `staleBefore` (an older claim was a crash's, and expires).
   */
  claimNotice(businessId: string, checkoutId: string, at: string, staleBefore: string, which?: NoticeSlot): Promise<boolean>;
  /** Whether that notice went out. */
  noticeSent(businessId: string, checkoutId: string, which?: NoticeSlot): Promise<boolean>;
  /** The notice went out: no claim can be taken again. */
  markNoticeSent(businessId: string, checkoutId: string, at: string, which?: NoticeSlot): Promise<void>;
  /** Gives the claim back after a failed send, so the queue's retry can send. */
  releaseNotice(businessId: string, checkoutId: string, at: string, which?: NoticeSlot): Promise<void>;
  /** Whether a Stripe event was handled to the end before (a repeat then does nothing). */
  eventHandled(businessId: string, eventId: string): Promise<boolean>;
  markEventHandled(businessId: string, eventId: string, at: string): Promise<void>;
}

export interface ApiKeyStore {
  putKey(key: ApiKeyRecord): Promise<void>;
  getKey(keyId: string): Promise<ApiKeyRecord | null>;
  listKeys(businessId: string): Promise<ApiKeyRecord[]>;
  revokeKey(keyId: string, businessId: string, at: string): Promise<boolean>;
  /**
   * Counts one request against the key's rate window and sets `lastUsedAt`, in one conditional
   * write when the secret hash matches and the window has room. Not an edit of the key: its
   * `version` and `updatedAt` stay.
   */
  recordKeyUse(keyId: string, secretHash: string, use: KeyUseWindow): Promise<KeyUse>;
}

export interface KeyUseWindow {
  at: string;
  /** ISO start of the fixed window this request falls in. */
  windowStart: string;
  /** Requests allowed per window. */
  limit: number;
}

/**
 * `counted`: the request was counted (and the hash matched). Otherwise `key` is what is stored
 * under the id (null when nothing is): either its hash differs or its window is full.
 */
export type KeyUse = { counted: true; key: ApiKeyRecord } | { counted: false; key: ApiKeyRecord | null };

export interface IdempotencyStore {
  /**
   * Claims the key: creates the record if absent or expired, or takes over an attempt of the same
   * request whose lock ran out (keeping its start time); otherwise returns the record stored.
   */
  begin(key: Key, record: IdempotencyRecord, now: string): Promise<{ started: true; record: IdempotencyRecord } | { started: false; existing: IdempotencyRecord }>;
  finish(key: Key, response: NonNullable<IdempotencyRecord['response']>, now: string): Promise<void>;
  /** Gives up the claim after a failure without an answer worth replaying (a 5xx): a retry takes it over at once. */
  release(key: Key, now: string): Promise<void>;
}

export interface WebhookEndpointStore {
  putEndpoint(endpoint: WebhookEndpointRecord): Promise<void>;
  listEndpoints(businessId: string): Promise<WebhookEndpointRecord[]>;
  deleteEndpoint(businessId: string, endpointId: string): Promise<boolean>;
  getEndpoint(businessId: string, endpointId: string): Promise<WebhookEndpointRecord | null>;
  /**
   * Disables an active endpoint unless a delivery got through after `failingSince`, in one
   * conditional write; false when it is already disabled, gone, or delivered to meanwhile.
   */
  disableEndpoint(businessId: string, endpointId: string, change: { reason: string; at: string; failingSince: string }): Promise<boolean>;
  /** Makes the endpoint active again; null when there is no such endpoint. */
  enableEndpoint(businessId: string, endpointId: string, at: string): Promise<WebhookEndpointRecord | null>;
  /** Sets `lastDeliveredAt` to `at` unless it was set less than a minute before (a busy endpoint costs one write a minute). */
  noteDelivered(businessId: string, endpointId: string, at: string): Promise<void>;
  /** Claims the email about the disabling at `disabledAt`; false when it went out already (a redelivered message) or the endpoint changed since. */
  claimDisabledNotice(businessId: string, endpointId: string, disabledAt: string): Promise<boolean>;
  /** Gives the claim back after a failed send, so the queue's retry can send. */
  releaseDisabledNotice(businessId: string, endpointId: string, disabledAt: string): Promise<void>;
}

/** Deliveries of events to one endpoint, newest first, each kept 30 days. */
export interface WebhookDeliveryStore {
  /** Writes the delivery if it is new; false when one with that id exists (a redelivered fan-out). */
  putDelivery(delivery: WebhookDeliveryRecord): Promise<boolean>;
  getDelivery(businessId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | null>;
  /** Records attempt number `attempts` and its result; an older attempt's result never overwrites a newer one's. */
  recordAttempt(
    businessId: string,
    endpointId: string,
    deliveryId: string,
    result: Pick<WebhookDeliveryRecord, 'status' | 'attempts' | 'lastAttemptAt' | 'lastResponseStatus' | 'lastError' | 'nextAttemptAt'>,
  ): Promise<void>;
  listDeliveries(businessId: string, endpointId: string, query: { limit: number; after: string | null }): Promise<StorePage<WebhookDeliveryRecord, string>>;
}

export interface FileLinks {
  /** A URL anyone holding it can download from until `expiresAt`. */
  signedDownloadUrl(key: string, fileName: string, expiresAt: Date): Promise<string>;
}

/** Storing files: upload URLs for the business API, checking what arrived, and files the portal makes. */
export interface FileStorage extends FileLinks {
  /** A URL that accepts exactly one PUT of `sizeBytes` bytes of `contentType` until `expiresAt`. */
  signedUploadUrl(key: string, contentType: string, sizeBytes: number, expiresAt: Date): Promise<string>;
  /** Stores a file the portal made itself (an estimate's PDF). */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The stored object's size and type, or null when nothing was uploaded. */
  head(key: string): Promise<{ sizeBytes: number; contentType: string } | null>;
  /** The object's first `bytes` bytes (fewer when it is shorter), or null when there is none: a ranged GET. */
  readStart(key: string, bytes: number): Promise<Buffer | null>;
  /** Removes an object: only the upload check has this, to throw away a file that is not what it claims (rule 60). */
  delete(key: string): Promise<void>;
}

/** What signing upload URLs and storing the portal's own files needs: everything but deleting. */
export type FileUploads = Omit<FileStorage, 'delete'>;

/** What the notification queue carries. The consumer does the slow part, off the request path. */
export type NotificationJob =
  | {
      kind: 'sign-in-link';
      /** Unique per request: lets the consumer recognise a redelivery. */
      requestId: string;
      /** The portal the person asked at; resolved to the business by the consumer. */
      slug: string;
      contact: Contact;
      requestedAt: string;
    }
  | {
      /** The business invited a customer (`POST customers/{id}/invite`). */
      kind: 'invite';
      requestId: string;
      businessId: string;
      customerId: string;
      channel: Contact['channel'];
      requestedAt: string;
    }
  | {
      /** The business wrote to the customer about a job: tell them, with a link to it. */
      kind: 'job-message';
      businessId: string;
      jobId: string;
      messageId: string;
      messageAt: string;
      channel: Contact['channel'];
    }
  | {
      /**
       * The business sent an invoice or an estimate, or started tracking a visit: mint a link that
       * opens it and send it (`POST invoices|estimates/{id}/send`, `POST jobs/{id}/tracking`).
       * For tracking, the request id is the visit's id: starting the visit again sends nothing twice.
       */
      kind: 'object-link';
      object: ObjectLinkKind;
      requestId: string;
      businessId: string;
      objectId: string;
      channel: Contact['channel'];
      requestedAt: string;
    }
  | {
      /** A webhook endpoint was disabled after failing for its whole retry schedule: tell the business. */
      kind: 'webhook-endpoint-disabled';
      businessId: string;
      endpointId: string;
      disabledAt: string;
    }
  | {
      /** A checkout was paid (`receipt`) or its bank payment failed: tell the customer, once. */
      kind: 'receipt' | 'payment-failed';
      businessId: string;
      checkoutId: string;
      requestedAt: string;
    }
  | {
      /** A duplicate payment's excess on an invoice was refunded: tell the customer, once. */
      kind: 'duplicate-refund';
      businessId: string;
      checkoutId: string;
      invoiceId: string;
      amount: number;
      requestedAt: string;
    };

/** One event, as the business receives it (Standard Webhooks payload). */
export type WebhookEventType = (typeof webhookEventTypes)[number];

export interface BusinessEvent {
  /** `evt_…`: derived from what happened, so it is the same on every retry and redelivery. */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  businessId: string;
  data: Record<string, unknown>;
}

/** What the webhooks queue carries: an event to fan out, or one delivery to one endpoint. */
export type WebhookJob =
  | { kind: 'event'; event: BusinessEvent }
  | {
      kind: 'delivery';
      event: BusinessEvent;
      endpointId: string;
      /** The delivery record it updates (absent on messages queued before deliveries were recorded). */
      deliveryId?: string;
      /** Counts from 1; a failed attempt is queued again, later, with the next number. */
      attempt: number;
      /**
       * Seconds still to wait before this attempt, beyond the message's own delay: SQS holds a
       * message back 15 minutes at most, so a longer wait is several hops, each carrying the rest.
       */
      waitSeconds?: number;
    };

export interface QueueMessages {
  notifications: NotificationJob;
  webhooks: WebhookJob;
  payments: PaymentEventJob;
}

// ---------- Stripe ----------

/** A Stripe event whose signature checked out, reduced to what fulfilment reads. */
export interface PaymentEvent {
  id: string;
  type: string;
  /** The connected account it happened on (`event.account`); null for the platform's own. */
  account: string | null;
  livemode: boolean;
  created: number;
  /** The event's object: its id, type and the fields fulfilment reads (metadata among them). */
  object: { id: string; object: string; metadata: Record<string, string> } & Record<string, unknown>;
}

/** What the webhook queues for the consumer: the verified event, as it came. */
export type PaymentEventJob = { kind: 'stripe-event'; event: PaymentEvent };

export interface CheckoutLine {
  /** Shown on Stripe's page, one per invoice: "Invoice INV-1063". */
  name: string;
  amount: number;
}

export interface CreateCheckoutInput {
  stripeAccountId: string;
  /** Our checkout id: names the session in metadata and is its idempotency key. */
  checkoutId: string;
  businessId: string;
  currency: string;
  lines: CheckoutLine[];
  /** Minor units the platform keeps (Connect application fee); 0 for none. */
  applicationFeeAmount: number;
  /** What this checkout may offer (card always; ACH, Affirm, Klarna when allowed and eligible). */
  allowedPaymentMethodTypes: string[];
  customerEmail: string | null;
  successUrl: string;
  cancelUrl: string;
  /** Epoch seconds (Stripe allows 30 min to 24 h ahead). */
  expiresAt: number;
}

/** A Checkout Session as Stripe tells it now (the truth fulfilment moves towards). */
export interface CheckoutState {
  id: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  amountTotal: number;
  currency: string;
  paymentIntentId: string | null;
  /** `processing` while a bank debit is on its way; `requires_payment_method` or `canceled` after it failed. */
  paymentIntentStatus: string | null;
  /** The payment method the customer chose, when known (`card`, `us_bank_account`, `affirm`, `klarna`). */
  paymentMethodType: string | null;
  metadata: Record<string, string>;
}

export interface ChargeState {
  paymentIntentId: string;
  /** Cumulative: everything refunded on the payment so far (minor units). */
  amountRefunded: number;
  /** An open dispute (chargeback) on the payment. */
  disputed: boolean;
  currency: string;
  metadata: Record<string, string>;
}

export interface PaymentGateway {
  /** The test/live mode of the platform key: events from the other mode are refused. */
  livemode(): Promise<boolean>;
  createCheckout(input: CreateCheckoutInput): Promise<{ sessionId: string; url: string }>;
  getCheckout(stripeAccountId: string, sessionId: string): Promise<CheckoutState>;
  /**
   * Expires an open checkout session so nobody can pay it any more; answers what the session is
   * now (`complete`: the customer paid or is paying it meanwhile, so it could not be expired).
   */
  expireCheckout(stripeAccountId: string, sessionId: string): Promise<'expired' | 'complete'>;
  /** Refunds part of a payment (once per idempotency key), on the connected account. */
  refundPayment(stripeAccountId: string, input: { paymentIntentId: string; amount: number; idempotencyKey: string; metadata: Record<string, string> }): Promise<{ refundId: string }>;
  /** Creates the business's connected account (once: the business id is the idempotency key). */
  createConnectedAccount(businessId: string): Promise<{ accountId: string }>;
  /** A one-time Stripe-hosted onboarding link for the account (expires in minutes). */
  createOnboardingLink(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<{ url: string; expiresAt: number }>;
  /** The account as Stripe tells it now. */
  getAccount(accountId: string): Promise<{ id: string; chargesEnabled: boolean; metadata: Record<string, string> }>;
  /** A PaymentIntent's charge as Stripe tells it now: what was refunded in all, whether it is disputed, and our metadata. */
  getChargeState(stripeAccountId: string, paymentIntentId: string): Promise<ChargeState>;
  /** Checks `stripe-signature` on the raw body; throws InvalidSignature when it does not hold. */
  verifyEvent(rawBody: Buffer, signature: string | undefined): Promise<PaymentEvent>;
}

export interface MessageQueue<M> {
  /** `delaySeconds` (≤ 900, SQS's limit) holds the message back before anyone may receive it. */
  send(message: M, options?: { delaySeconds?: number }): Promise<void>;
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

/**
 * Posts a signed webhook; resolves with the receiver's status. Rejects on network errors, when
 * `timeoutMs` passes (a TimeoutError or AbortError), and when the address connected to is not
 * one a webhook may reach (ForbiddenAddress, shared/net/connect-guard.ts).
 */
export interface WebhookTransport {
  post(url: string, body: string, headers: Record<string, string>, options?: { timeoutMs?: number }): Promise<{ status: number }>;
}

export interface Secrets {
  /** The secret's current value(s), cached for a few minutes (rotation is picked up). */
  originVerify(): Promise<string[]>;
  /** The platform's Stripe keys (empty strings until ops fill the secret). */
  stripe(): Promise<StripeKeys>;
}

export interface StripeKeys {
  secretKey: string;
  webhookSecret: string;
}
