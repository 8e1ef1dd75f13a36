/**
 * The domain's own records, as the store hands them to use cases. The API shapes in
 * shared/api/contract.ts are views derived from these (attachment URLs are signed per request,
 * totals are computed), never stored.
 *
 * Every stored record carries `version` (starts at 1, +1 per write; read-modify-write paths use
 * it as a write condition) and `updatedAt`.
 */

export interface Money {
  /** Integer minor units (cents). */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
}

export interface Versioned {
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type MenuItem = 'jobs' | 'estimates' | 'invoices' | 'messages' | 'profile';

export interface BusinessSettings {
  name: string;
  /** The portal's address: `https://portal.example.com/<slug>/`. Can change; keys never use it. */
  slug: string;
  timeZone: string;
  primaryColor: string;
  logoUrl: string | null;
  menu: MenuItem[];
  contactPhone: string | null;
  contactEmail: string | null;
}

export interface Business extends BusinessSettings, Versioned {
  /** Opaque and permanent (`biz_…`): every key holding the business's data starts with it. */
  id: string;
  payments: PaymentSettings;
  tracking: TrackingSettings;
}

/**
 * How the tracking page estimates arrival without a routing service: the straight-line distance
 * times `roadFactor` (roads are longer than the crow flies), at `averageSpeedKmh`.
 */
export interface TrackingSettings {
  /** Measured urban circuity is about 1.2–1.3 (../shared/design/tracking.md). */
  roadFactor: number;
  averageSpeedKmh: number;
  /** How the page shows distances; null: miles for US and UK time zones, kilometres elsewhere. */
  distanceUnit: 'mi' | 'km' | null;
}

export const defaultTrackingSettings: TrackingSettings = { roadFactor: 1.3, averageSpeedKmh: 40, distanceUnit: null };

/** How a business takes payments in its portal. */
export interface PaymentSettings {
  /** Its Stripe connected account (`acct_…`), once connected; charges are made on it. Server-owned. */
  stripeAccountId: string | null;
  /** Stripe says the account can take charges. Until then the portal shows no pay buttons. Server-owned. */
  chargesEnabled: boolean;
  /** Offered besides card, where Stripe finds them eligible for the amount and currency. */
  methods: { ach: boolean; affirm: boolean; klarna: boolean };
  /** Whether a customer may pay part of one invoice, and the smallest part (minor units). */
  partialPayments: { allowed: boolean; minimumAmount: number };
  /** The platform's application fee on each payment, in basis points (100 = 1 %). Server-owned. */
  applicationFeeBps: number;
}

export const defaultPaymentSettings: PaymentSettings = {
  stripeAccountId: null,
  chargesEnabled: false,
  methods: { ach: true, affirm: false, klarna: false },
  partialPayments: { allowed: false, minimumAmount: 0 },
  applicationFeeBps: 0,
};

/**
 * A checkout: what the customer chose to pay (the allocation over invoices), kept under our id
 * and named in the Stripe session's metadata. Only Stripe's webhook moves its status forward.
 */
export interface CheckoutRecord extends Versioned {
  id: string;
  businessId: string;
  customerId: string;
  stripeAccountId: string;
  stripeSessionId: string;
  url: string;
  currency: string;
  /** What Stripe is asked to charge: the sum of the allocations. */
  amount: number;
  allocations: { invoiceId: string; invoiceNumber: string; amount: number }[];
  /** open → processing (a bank payment on its way) → paid | failed; open → expired. `review`: Stripe charged something else. */
  status: 'open' | 'processing' | 'paid' | 'failed' | 'expired' | 'review';
  /** The method used, once known (`card`, `us_bank_account`, `affirm`, `klarna`). */
  method: string | null;
  /** Stripe's PaymentIntent, once paid: refunds and disputes name it. */
  paymentIntentId: string | null;
  /** What was given back so far (cumulative, as Stripe last told it). */
  amountRefunded: number;
  /**
   * What the portal itself refunded of a payment that came on top of a paid invoice (a duplicate),
   * by invoice: Stripe's cumulative refund is spread over these first, the rest in allocation order.
   */
  excessRefunds: Record<string, number>;
  disputed: boolean;
  expiresAt: string;
  /**
   * Set when the customer was told how it ended: the receipt, or that the bank payment failed (one
   * or the other, never both). Claimed before sending, released if the send fails.
   */
  noticeSentAt: string | null;
}

export interface CustomerFields {
  name: string;
  /** Lower-cased. */
  email: string | null;
  /** E.164. */
  phone: string | null;
}

export interface Customer extends CustomerFields, Versioned {
  businessId: string;
  /** The business's own id for the customer. */
  id: string;
}

export type ContactChannel = 'email' | 'sms';

export interface Contact {
  channel: ContactChannel;
  /** Lower-cased email, or an E.164 phone number. */
  address: string;
}

export const contactsOf = (customer: Pick<CustomerFields, 'email' | 'phone'>): Contact[] => [
  ...(customer.email ? [{ channel: 'email' as const, address: customer.email }] : []),
  ...(customer.phone ? [{ channel: 'sms' as const, address: customer.phone }] : []),
];

/** The customer's address on a channel (their email, or their phone for texts), or null when they have none. */
export const addressOn = (customer: Pick<CustomerFields, 'email' | 'phone'>, channel: ContactChannel): string | null => (channel === 'email' ? customer.email : customer.phone);

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

/** A point on the map, in degrees (WGS 84). */
export interface LatLng {
  lat: number;
  lng: number;
}

export interface JobRecord extends JobFields, Versioned {
  businessId: string;
  id: string;
}

// ---------- invoices ----------

export interface InvoiceLine {
  description: string;
  /** Up to 3 decimals (hours). */
  quantity: number;
  /** Minor units, in the invoice's currency. */
  unitAmount: number;
}

/** What the business writes about an invoice (`PUT invoices/{invoiceId}`). */
export interface InvoiceFields {
  customerId: string;
  jobId: string | null;
  number: string;
  issuedAt: string;
  dueAt: string;
  currency: string;
  /** Bounded (≤ 100 lines), so they live inside the invoice item. */
  lines: InvoiceLine[];
  taxAmount: number;
}

/**
 * - `open`: something is left to pay. `processing`: a bank payment is on its way.
 * - `paid`; `partially_refunded`, `refunded` (after a payment was returned); `disputed`.
 */
export type InvoiceStatus = 'open' | 'processing' | 'paid' | 'partially_refunded' | 'refunded' | 'disputed';

/** Server-owned money state of an invoice: changed only by recording payments, refunds and disputes. */
export interface InvoiceLedger {
  /** Sum of the payments applied, each exactly once (`appliedPaymentIds`). */
  amountPaid: number;
  /** Of `amountPaid`, how much was given back. */
  amountRefunded: number;
  /** Bank payments started but not settled yet. */
  amountPending: number;
  disputed: boolean;
}

export interface InvoiceRecord extends InvoiceFields, InvoiceLedger, Versioned {
  businessId: string;
  id: string;
  /** Set on a deposit invoice the portal made when an estimate was approved; null on the business's own. */
  estimateId: string | null;
  /** Subtotal of the lines plus tax: derived, stored so lists need no arithmetic. */
  total: number;
  status: InvoiceStatus;
}

export type InvoicePaymentMethod = 'cash' | 'check' | 'card' | 'us_bank_account' | 'affirm' | 'klarna' | 'other';

/** One payment towards one invoice; its id is deterministic (offline: from the request; Stripe: from the PaymentIntent). */
export interface InvoicePaymentRecord {
  id: string;
  invoiceId: string;
  paidAt: string;
  method: InvoicePaymentMethod;
  amount: number;
  currency: string;
  /** Free text the business gave (a check number), or null. */
  reference: string | null;
  source: 'offline' | 'stripe';
}

/**
 * What a link sent to a customer opens without signing in: an invoice (to pay it), an estimate
 * (to decide on it) or a technician's visit to a job (to follow them on the map).
 */
export type ObjectLinkKind = 'invoice' | 'estimate' | 'tracking';

/** A link that opens one invoice, one estimate or one visit, without signing in (only its token's hash is stored). */
export interface ObjectLink {
  kind: ObjectLinkKind;
  tokenHash: string;
  businessId: string;
  customerId: string;
  /** The invoice's or the estimate's id; for a tracking link, the job's. */
  objectId: string;
  issuedAt: string;
  expiresAt: string;
}

// ---------- estimates ----------

export interface EstimateOption {
  /** The business's id for the option (`good`, `better`, `best`). */
  id: string;
  name: string;
  description: string;
  lines: InvoiceLine[];
  taxAmount: number;
  recommended: boolean;
}

/** A deposit asked on approval: a share of the chosen option's total, or a fixed amount (capped at the total). */
export type DepositRule = { percent: number } | { amount: number };

/** What the business writes about an estimate (`PUT estimates/{estimateId}`). */
export interface EstimateFields {
  customerId: string;
  jobId: string | null;
  number: string;
  title: string;
  currency: string;
  expiresAt: string;
  terms: string;
  /** One or more (good / better / best); bounded, so they live inside the estimate item. */
  options: EstimateOption[];
  signature: 'none' | 'typed' | 'drawn';
  deposit: DepositRule | null;
  /** Offer the customer the business's open slots after approval, for a visit this long. */
  scheduling: { durationMinutes: number } | null;
  /** Where the work is done: needed to book a visit when the estimate has no job yet. */
  address: Address | null;
}

/**
 * `sent` (awaiting a decision) → `approved` → `scheduled`, or `sent` → `declined`. `expired` is
 * never stored: a `sent` estimate past `expiresAt` reads as expired.
 */
export type EstimateStatus = 'sent' | 'approved' | 'declined' | 'expired' | 'scheduled';

/** How the person deciding reached the estimate. */
export type SignedVia = 'session' | 'link';

/**
 * The record of a decision, written once by the one conditional write that decides the estimate
 * and never changed after. For an approval it is the signature record: what was chosen, by
 * whom, the hash of exactly what was shown, and where from.
 */
export interface EstimateDecision {
  kind: 'approved' | 'declined';
  at: string;
  /** The document version decided on. */
  revision: number;
  /** SHA-256 (hex) of the canonical JSON of that version as shown (options, totals, terms). */
  documentHash: string;
  via: SignedVia;
  ip: string | null;
  userAgent: string | null;
  /** The request that decided: its retry finishes what the decision started. */
  requestId: string;
  /** Approval only: the option chosen, the typed name, the drawn image's SHA-256 (the PNG is its own item). */
  optionId: string | null;
  signerName: string | null;
  signatureImageHash: string | null;
  /** Approval only, when a deposit is asked: the invoice made for it (id derived from the estimate). */
  depositInvoiceId: string | null;
  depositAmount: number | null;
  /** Decline only: what the customer said, if anything. */
  reason: string | null;
}

/** The visit booked after approval. */
export interface EstimateBooking {
  slotId: string;
  start: string;
  end: string;
  jobId: string;
  at: string;
  requestId: string;
}

export interface EstimateRecord extends EstimateFields, Versioned {
  businessId: string;
  id: string;
  /** The document's version: +1 each time the business changes what the customer reads. */
  revision: number;
  /** When it was first published to the customer. */
  sentAt: string;
  status: Exclude<EstimateStatus, 'expired'>;
  decision: EstimateDecision | null;
  booking: EstimateBooking | null;
}

/** An appointment slot the business offers; booked at most once across all its customers. */
export interface SlotRecord extends Versioned {
  businessId: string;
  id: string;
  start: string;
  end: string;
  /** The estimate that booked it, or null while open. */
  bookedBy: string | null;
  bookedAt: string | null;
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

export interface Page<T> {
  items: T[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

export interface SignInLink {
  tokenHash: string;
  businessId: string;
  customerId: string;
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

export type ApiKeyMode = 'live' | 'test';
export type ApiKeyScope = 'read' | 'write';

export interface ApiKeyRecord {
  /** Public part of the key (`key_…`), also its DynamoDB key. */
  id: string;
  businessId: string;
  mode: ApiKeyMode;
  name: string;
  scopes: ApiKeyScope[];
  /** SHA-256 of the whole key string: the key itself is never stored. */
  secretHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface WebhookEndpointRecord {
  id: string;
  businessId: string;
  url: string;
  /** `whsec_…`: needed to sign, so stored (encrypted at rest); shown to the business once. */
  secret: string;
  events: string[];
  createdAt: string;
  /**
   * `disabled` after one delivery used its whole retry schedule (about three days) with nothing
   * delivered to the endpoint meanwhile; events are then not sent to it until the business
   * enables it again (`POST webhook-endpoints/{id}/enable`).
   */
  status: 'active' | 'disabled';
  disabledReason: string | null;
  disabledAt: string | null;
  /** The last delivery that got a 2xx (written at most once a minute). */
  lastDeliveredAt: string | null;
}

/** One event on its way to one endpoint: its attempts so far, for the business to see and re-send. */
export interface WebhookDeliveryRecord {
  /** `whd_…`, time-ordered: the list is newest first by key. */
  id: string;
  businessId: string;
  endpointId: string;
  /** The event as it is sent (kept so a re-send posts the same payload and `webhook-id`). */
  event: { id: string; type: string; createdAt: string; businessId: string; data: Record<string, unknown> };
  /** `pending` while attempts remain, `delivered` on a 2xx, `failed` once the schedule ran out (or the endpoint went away). */
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status on the last attempt, or null when none came (timeout, refused address, network). */
  lastResponseStatus: number | null;
  /** Why the last attempt failed: `timeout`, `refused-address`, `unreachable`, `http-<status>`. */
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

// ---------- technician tracking ----------

export type TrackingStatus = 'en_route' | 'arrived' | 'completed';

/** A technician's latest reported position: only ever the latest, no trail is kept. */
export interface TrackedPosition extends LatLng {
  /** Meters, as the device reports it. */
  accuracy: number | null;
  /** Degrees clockwise from north. */
  heading: number | null;
  /** Meters per second. */
  speed: number | null;
  /** When the device took it. */
  at: string;
}

export interface TechnicianProfile {
  name: string;
  photoUrl: string | null;
  vehicle: string | null;
}

/**
 * One technician's visit to a job, from "on my way" to completion: one item per job, holding
 * everything the tracking page shows, so the page costs one read and a position update one write.
 * The business's name, contact and ETA settings are copied in when tracking starts (and again
 * when it is started again), so the page never reads the business.
 */
export interface TrackingVisitRecord extends Versioned {
  businessId: string;
  jobId: string;
  /** New for each visit: the link and its message belong to it. */
  visitId: string;
  customerId: string;
  technician: TechnicianProfile;
  status: TrackingStatus;
  startedAt: string;
  /** 12 hours after the start: the link and the position end then at the latest. */
  expiresAt: string;
  arrivedAt: string | null;
  completedAt: string | null;
  destination: LatLng;
  /** Only while en route; removed on arrival and completion. */
  position: TrackedPosition | null;
  business: {
    name: string;
    timeZone: string;
    primaryColor: string;
    logoUrl: string | null;
    contactPhone: string | null;
    contactEmail: string | null;
  };
  settings: TrackingSettings;
}
