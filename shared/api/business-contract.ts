/**
 * The business API's request schemas and response shapes. The handlers validate with these and
 * the OpenAPI document (functions/business/openapi.ts) is generated from them, so the two
 * cannot drift. Strict objects throughout: an unknown field is a 400, not silently dropped.
 *
 * Money is integer minor units with an ISO 4217 currency, every amount and total at most
 * `maxAmount` (security.md rule 54); instants are ISO-8601 UTC.
 */
import * as v from 'valibot';
import { ClaimableSlug, Email, Phone } from './contract';
import { multilineText, singleLineText as text, wellFormed } from './text';
import { maxAmount } from '../kernel/money';
import { jobTotals, lineWithinCeiling } from '../jobs/totals';
import { invoiceTotal } from '../invoices/ledger';
import { optionTotals } from '../estimates/document';

/** The business's own ids for its records (customers, jobs): letters, digits, `_` and `-`. */
export const ExternalId = v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"'));

/** ISO-8601 UTC (`2026-11-21T15:00:00Z`), normalised to milliseconds. */
export const Instant = v.pipe(
  v.string('must be a string'),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'must be an ISO-8601 UTC time like 2026-11-21T15:00:00Z'),
  v.check((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 19) === s.slice(0, 19), 'is not a real date and time'),
  v.transform((s) => new Date(s).toISOString()),
);

const Amount = v.pipe(v.number('must be a number'), v.integer('must be a whole number of minor units (cents)'), v.minValue(0, 'must not be negative'), v.maxValue(maxAmount, `must be at most ${maxAmount} minor units`));
const Currency = v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD'));
const HttpsUrl = v.pipe(v.string('must be a string'), wellFormed(), v.maxLength(2000), v.url('must be a URL'), v.startsWith('https://', 'must be an https URL'));
const NullableEmail = v.nullable(Email);
const NullablePhone = v.nullable(Phone);

export const PutCustomerBody = v.strictObject({
  name: text(200, 'name'),
  email: v.optional(NullableEmail, null),
  phone: v.optional(NullablePhone, null),
});
export type PutCustomerBody = v.InferOutput<typeof PutCustomerBody>;

const Address = v.strictObject({
  line1: text(200),
  line2: v.optional(v.nullable(text(200)), null),
  city: text(100),
  region: text(100),
  postalCode: text(20),
  country: v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code like US')),
});

const Quantity = v.pipe(v.number('must be a number'), v.minValue(0.001, 'must be more than 0'), v.maxValue(1_000_000, 'must be at most 1000000'), v.check((q) => Math.round(q * 1000) === q * 1000, 'must have at most 3 decimals'));

/**
 * Rule 54, on what the server computes from the fields: a line's quantity × unitAmount, and the
 * total its lines and tax come to. Each field within its bounds can still multiply or add past
 * the ceiling, and past it sums stop being exact.
 */
const lineWithinMax = <T extends { quantity: number; unitAmount: number }>() =>
  v.check<T, string>(lineWithinCeiling, `quantity × unitAmount must come to at most ${maxAmount} minor units`);
/** The lines (or charges) with the tax, named on the list as no single field is too large. */
const totalWithinMax = `with taxAmount, must come to at most ${maxAmount} minor units`;
/** Whether lines and tax add up within the ceiling; a part out of bounds itself is named on its own field instead, and passes here. */
const sumWithinCeiling = (lines: { quantity: number; unitAmount: number }[], taxAmount: number, total: () => number): boolean =>
  !(lines.every(lineWithinCeiling) && taxAmount <= maxAmount) || total() <= maxAmount;

const ChargeLine = v.pipe(
  v.strictObject({
    id: ExternalId,
    description: text(300),
    quantity: Quantity,
    unitAmount: Amount,
  }),
  lineWithinMax(),
);

const Window = v.pipe(
  v.strictObject({ start: Instant, end: Instant }),
  v.check((w) => w.start <= w.end, 'must not end before it starts'),
);

/** A point in degrees (WGS 84): latitude -90..90, longitude -180..180. */
export const LatLngBody = v.strictObject({
  lat: v.pipe(v.number('must be a number'), v.minValue(-90, 'must be a latitude from -90 to 90'), v.maxValue(90, 'must be a latitude from -90 to 90')),
  lng: v.pipe(v.number('must be a number'), v.minValue(-180, 'must be a longitude from -180 to 180'), v.maxValue(180, 'must be a longitude from -180 to 180')),
});

export const PutJobBody = v.pipe(
  v.strictObject({
    customerId: ExternalId,
    number: text(40, 'number'),
    title: text(200, 'title'),
    status: v.picklist(['scheduled', 'in_progress', 'completed', 'cancelled'], 'must be one of scheduled, in_progress, completed, cancelled'),
    scheduledStart: Instant,
    scheduledEnd: Instant,
    arrivalWindow: Window,
    scopeOfWork: v.optional(multilineText(10_000), ''),
    address: Address,
    contact: v.strictObject({ name: text(200), phone: v.optional(NullablePhone, null), email: v.optional(NullableEmail, null) }),
    technician: v.optional(v.nullable(v.strictObject({ name: text(200) })), null),
    currency: Currency,
    charges: v.optional(v.pipe(v.array(ChargeLine, 'must be a list'), v.maxLength(200, 'must have at most 200 lines'), v.check((lines) => new Set(lines.map((l) => l.id)).size === lines.length, 'must not repeat a line id')), []),
    taxAmount: v.optional(Amount, 0),
    /** The service address's coordinates: where a tracked technician is heading. */
    location: v.optional(v.nullable(LatLngBody), null),
  }),
  v.forward(v.check((job) => job.scheduledStart <= job.scheduledEnd, 'must not be before scheduledStart'), ['scheduledEnd']),
  v.forward(v.check((job) => sumWithinCeiling(job.charges, job.taxAmount, () => jobTotals(job, 0).total.amount), totalWithinMax), ['charges']),
);
export type PutJobBody = v.InferOutput<typeof PutJobBody>;

const InvoiceLine = v.pipe(
  v.strictObject({
    description: text(300),
    quantity: Quantity,
    unitAmount: Amount,
  }),
  lineWithinMax(),
);

export const PutInvoiceBody = v.pipe(
  v.strictObject({
    customerId: ExternalId,
    /** The job this invoice bills, if any: the job page then shows the invoice's status. */
    jobId: v.optional(v.nullable(ExternalId), null),
    number: text(40, 'number'),
    issuedAt: Instant,
    dueAt: Instant,
    currency: Currency,
    lines: v.pipe(v.array(InvoiceLine, 'must be a list'), v.minLength(1, 'must have at least one line'), v.maxLength(100, 'must have at most 100 lines')),
    taxAmount: v.optional(Amount, 0),
  }),
  v.forward(v.check((invoice) => invoice.issuedAt <= invoice.dueAt, 'must not be before issuedAt'), ['dueAt']),
  v.forward(v.check((invoice) => sumWithinCeiling(invoice.lines, invoice.taxAmount, () => invoiceTotal(invoice)), totalWithinMax), ['lines']),
);
export type PutInvoiceBody = v.InferOutput<typeof PutInvoiceBody>;

const EstimateOption = v.pipe(
  v.strictObject({
    id: ExternalId,
    name: text(100, 'name'),
    description: v.optional(multilineText(5_000), ''),
    lines: v.pipe(v.array(InvoiceLine, 'must be a list'), v.minLength(1, 'must have at least one line'), v.maxLength(50, 'must have at most 50 lines')),
    taxAmount: v.optional(Amount, 0),
    recommended: v.optional(v.boolean('must be true or false'), false),
  }),
  v.forward(v.check((option) => sumWithinCeiling(option.lines, option.taxAmount, () => optionTotals(option).total), totalWithinMax), ['lines']),
);

const Percent = v.pipe(v.number('must be a number'), v.minValue(1, 'must be at least 1'), v.maxValue(100, 'must be at most 100'), v.check((p) => Math.round(p * 100) === p * 100, 'must have at most 2 decimals'));

export const PutEstimateBody = v.strictObject({
  customerId: ExternalId,
  /** The job this estimate is for, if any: booking a slot then reschedules it. Without one, booking creates a job. */
  jobId: v.optional(v.nullable(ExternalId), null),
  number: text(40, 'number'),
  title: text(200, 'title'),
  currency: Currency,
  /** After this instant the customer can no longer approve it. */
  expiresAt: Instant,
  terms: v.optional(multilineText(20_000), ''),
  options: v.pipe(
    v.array(EstimateOption, 'must be a list'),
    v.minLength(1, 'must have at least one option'),
    v.maxLength(5, 'must have at most 5 options'),
    v.check((options) => new Set(options.map((o) => o.id)).size === options.length, 'must not repeat an option id'),
    v.check((options) => options.filter((o) => o.recommended).length <= 1, 'must recommend at most one option'),
  ),
  /** What approving takes: nothing, a typed name, or a drawn signature (with the typed name). */
  signature: v.optional(v.picklist(['none', 'typed', 'drawn'], 'must be none, typed or drawn'), 'typed'),
  /** A deposit to pay on approval: a share of the chosen option's total, or a fixed amount (capped at that total). */
  deposit: v.optional(v.nullable(v.union([v.strictObject({ percent: Percent }), v.strictObject({ amount: v.pipe(Amount, v.minValue(1, 'must be at least 1')) })], 'must be { "percent": n } or { "amount": n }')), null),
  /** Offer the open slots after approval (and the deposit), for a visit this long. */
  scheduling: v.optional(v.nullable(v.strictObject({ durationMinutes: v.pipe(v.number('must be a number'), v.integer('must be whole minutes'), v.minValue(15, 'must be at least 15'), v.maxValue(24 * 60, 'must be at most 1440')) })), null),
  /** Where the work is done; needed with `scheduling` when there is no `jobId` (booking creates the job there). */
  address: v.optional(v.nullable(Address), null),
});
export type PutEstimateBody = v.InferOutput<typeof PutEstimateBody>;

export const PutSlotBody = v.pipe(
  v.strictObject({ start: Instant, end: Instant }),
  v.forward(v.check((slot) => slot.start < slot.end, 'must be after start'), ['end']),
  v.forward(v.check((slot) => Date.parse(slot.end) - Date.parse(slot.start) <= 24 * 3600_000, 'must be within 24 hours of start'), ['end']),
);
export type PutSlotBody = v.InferOutput<typeof PutSlotBody>;

/** A payment taken outside the portal; card, bank and financing payments come from Stripe only. */
export const PostInvoicePaymentBody = v.strictObject({
  amount: v.pipe(Amount, v.minValue(1, 'must be at least 1')),
  currency: Currency,
  method: v.picklist(['cash', 'check', 'other'], 'must be cash, check or other'),
  /** When it was paid (default: now); never in the future. */
  paidAt: v.optional(Instant),
  /** A check number or receipt reference. */
  reference: v.optional(v.nullable(text(100, 'reference')), null),
});
export type PostInvoicePaymentBody = v.InferOutput<typeof PostInvoicePaymentBody>;

export const PatchSettingsBody = v.pipe(
  v.strictObject({
    name: v.optional(text(120, 'name')),
    slug: v.optional(ClaimableSlug),
    timeZone: v.optional(v.pipe(v.string('must be a string'), v.check((tz) => isTimeZone(tz), 'must be an IANA time zone like America/Chicago'))),
    primaryColor: v.optional(v.pipe(v.string('must be a string'), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0b5cad'))),
    logoUrl: v.optional(v.nullable(HttpsUrl)),
    contactPhone: v.optional(NullablePhone),
    contactEmail: v.optional(NullableEmail),
    payments: v.optional(
      v.strictObject({
        methods: v.optional(v.strictObject({ ach: v.optional(v.boolean('must be true or false')), affirm: v.optional(v.boolean('must be true or false')), klarna: v.optional(v.boolean('must be true or false')) })),
        partialPayments: v.optional(v.strictObject({ allowed: v.optional(v.boolean('must be true or false')), minimumAmount: v.optional(Amount) })),
      }),
    ),
    tracking: v.optional(
      v.strictObject({
        roadFactor: v.optional(v.pipe(v.number('must be a number'), v.minValue(1, 'must be at least 1 (roads are never shorter than a straight line)'), v.maxValue(3, 'must be at most 3'))),
        averageSpeedKmh: v.optional(v.pipe(v.number('must be a number'), v.minValue(5, 'must be at least 5 km/h'), v.maxValue(130, 'must be at most 130 km/h'))),
        distanceUnit: v.optional(v.nullable(v.picklist(['mi', 'km'], 'must be mi, km or null (by the time zone)'))),
      }),
    ),
    menu: v.optional(v.pipe(v.array(v.picklist(['jobs', 'estimates', 'invoices', 'messages', 'profile'], 'must be one of jobs, estimates, invoices, messages, profile')), v.minLength(1, 'must list at least one item'), v.check((m) => new Set(m).size === m.length, 'must not repeat an item'))),
  }),
  v.check((patch) => Object.keys(patch).length > 0, 'must change at least one setting'),
);
export type PatchSettingsBody = v.InferOutput<typeof PatchSettingsBody>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz);
  } catch {
    return false;
  }
}

export const PostNoteBody = v.strictObject({
  text: multilineText(5000, { required: true }),
  author: v.optional(text(100, 'author')),
  /** For importing history: when the note was written (never in the future). */
  at: v.optional(Instant),
});
export type PostNoteBody = v.InferOutput<typeof PostNoteBody>;

export const PostBusinessMessageBody = v.strictObject({
  text: multilineText(5000, { required: true }),
  author: v.optional(text(100, 'author')),
  /** Tell the customer by email or text, with a link to the job; default: their email, else their phone. */
  notify: v.optional(v.picklist(['email', 'sms', 'none'], 'must be email, sms or none')),
  at: v.optional(Instant),
});
export type PostBusinessMessageBody = v.InferOutput<typeof PostBusinessMessageBody>;

/** What an attachment may be: documents and pictures a customer's phone can open. */
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic', 'text/plain', 'text/csv'] as const;
export const maxAttachmentBytes = 25 * 1024 * 1024;

export const CreateAttachmentBody = v.strictObject({
  /**
   * Refused, not cleaned (rule 60): a single line (no CR/LF, controls or direction overrides), no
   * path separator, no double quote (it ends the quoted name in Content-Disposition). Apostrophes
   * and any script stay: "Jordan's invoice.pdf" is fine.
   */
  fileName: v.pipe(text(200, 'fileName'), v.check((n) => !/[/\\]/.test(n) && n !== '.' && n !== '..', 'must be a file name, not a path'), v.check((n) => !n.includes('"'), 'must not contain a double quote')),
  contentType: v.picklist(attachmentTypes, `must be one of ${attachmentTypes.join(', ')}`),
  sizeBytes: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(maxAttachmentBytes, `must be at most ${maxAttachmentBytes} bytes (25 MB)`)),
});
export type CreateAttachmentBody = v.InferOutput<typeof CreateAttachmentBody>;

const RedirectUrl = v.pipe(v.string('must be a string'), wellFormed(), v.maxLength(2000, 'must be at most 2000 characters'), v.url('must be a URL'), v.regex(/^https?:\/\//, 'must be an http or https URL'));

/** Where Stripe sends the business's people after onboarding (`returnUrl`), or when the link is stale (`refreshUrl`). */
export const StripeOnboardingBody = v.strictObject({ returnUrl: RedirectUrl, refreshUrl: RedirectUrl });

export const InviteBody = v.strictObject({ channel: v.picklist(['email', 'sms'], 'must be "email" or "sms"') });

const bounded = (min: number, max: number, unit: string) => v.pipe(v.number('must be a number'), v.minValue(min, `must be at least ${min} ${unit}`), v.maxValue(max, `must be at most ${max} ${unit}`));

/** `POST jobs/{jobId}/tracking`: the technician on the way, and how to send the customer the link. */
export const StartTrackingBody = v.strictObject({
  technician: v.strictObject({
    name: text(200, 'name'),
    /** Shown round on the page; initials when missing or when it does not load. */
    photoUrl: v.optional(v.nullable(HttpsUrl), null),
    /** "White Ford Transit, plate ABC 123". */
    vehicle: v.optional(v.nullable(text(200, 'vehicle')), null),
  }),
  channel: InviteBody.entries.channel,
});
export type StartTrackingBody = v.InferOutput<typeof StartTrackingBody>;

/** `PUT jobs/{jobId}/tracking/position`: a fix from the technician's phone or the dispatch system. */
export const TrackingPositionBody = v.strictObject({
  ...LatLngBody.entries,
  /** Meters. */
  accuracy: v.optional(bounded(0, 100_000, 'meters')),
  /** Degrees clockwise from north. */
  heading: v.optional(v.pipe(v.number('must be a number'), v.minValue(0, 'must be from 0 to 360 degrees'), v.maxValue(360, 'must be from 0 to 360 degrees'))),
  /** Meters per second. */
  speed: v.optional(bounded(0, 100, 'meters per second')),
  /** When the device took the fix (a little ahead of our clock is tolerated). */
  at: Instant,
});
export type TrackingPositionBody = v.InferOutput<typeof TrackingPositionBody>;

export const webhookEventTypes = [
  'job.message.created',
  'invoice.paid',
  'invoice.payment_failed',
  'payment.refunded',
  'payment.disputed',
  'estimate.approved',
  'estimate.declined',
  'estimate.scheduled',
  'deposit.paid',
] as const;

export const CreateWebhookEndpointBody = v.strictObject({
  url: v.pipe(v.string('must be a string'), wellFormed(), v.maxLength(2000, 'must be at most 2000 characters'), v.url('must be a URL')),
  events: v.optional(v.pipe(v.array(v.picklist(webhookEventTypes, `must be one of ${webhookEventTypes.join(', ')}`)), v.minLength(1, 'must list at least one event')), [...webhookEventTypes]),
});

const limitParam = v.optional(
  v.pipe(v.string(), v.regex(/^[0-9]{1,3}$/, 'must be a whole number from 1 to 100'), v.transform(Number), v.minValue(1, 'must be at least 1'), v.maxValue(100, 'must be at most 100')),
  '50',
);
const cursorParam = v.optional(v.pipe(v.string(), v.maxLength(1024, 'is not a valid cursor'), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor')));

export const ChangesListQuery = v.strictObject({ updatedSince: v.optional(Instant), cursor: cursorParam, limit: limitParam });
export const PageQuery = v.strictObject({ cursor: cursorParam, limit: limitParam });

export const CustomerPath = v.strictObject({ customerId: ExternalId });
export const JobPath = v.strictObject({ jobId: ExternalId });
export const AttachmentPath = v.strictObject({ jobId: ExternalId, attachmentId: v.pipe(v.string(), v.regex(/^att_[A-Za-z0-9]{22}$/, 'must be an attachment id')) });
export const InvoicePath = v.strictObject({ invoiceId: ExternalId });
/** Deposit invoices are the portal's (made on approval): the business reads them and records payments on them, but never writes them. */
export const WritableInvoicePath = v.strictObject({
  invoiceId: v.pipe(ExternalId, v.check((id) => !id.startsWith('deposit_'), 'must not start with "deposit_": those ids are the deposit invoices the portal makes')),
});
export const EstimatePath = v.strictObject({ estimateId: ExternalId });
export const SlotPath = v.strictObject({ slotId: ExternalId });
export const EndpointPath = v.strictObject({ endpointId: v.pipe(v.string(), v.regex(/^we_[A-Za-z0-9]{22}$/, 'must be a webhook endpoint id')) });
export const DeliveryPath = v.strictObject({
  endpointId: EndpointPath.entries.endpointId,
  deliveryId: v.pipe(v.string(), v.regex(/^whd_[A-Za-z0-9]{22}$/, 'must be a webhook delivery id')),
});

// ---------- responses ----------

export interface ListResponse<T> {
  items: T[];
  hasMore: boolean;
  /** Opaque; pass back as `cursor` for the next page. */
  nextCursor: string | null;
}

export interface SettingsView {
  id: string;
  name: string;
  slug: string;
  portalUrl: string;
  timeZone: string;
  primaryColor: string;
  logoUrl: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  menu: string[];
  payments: {
    /** Stripe connected and able to take charges: the portal shows pay buttons. */
    enabled: boolean;
    stripeAccountId: string | null;
    methods: { ach: boolean; affirm: boolean; klarna: boolean };
    partialPayments: { allowed: boolean; minimumAmount: number };
  };
  /** How the tracking page estimates arrival, and its distance unit (null: by the time zone). */
  tracking: { roadFactor: number; averageSpeedKmh: number; distanceUnit: 'mi' | 'km' | null };
  version: number;
  updatedAt: string;
}

/** A technician's visit, as the business API shows it (the position is the page's, not listed here). */
export interface TrackingVisitView {
  jobId: string;
  visitId: string;
  /** `expired`: 12 hours passed before anyone completed it. */
  status: 'en_route' | 'arrived' | 'completed' | 'expired';
  technician: { name: string; photoUrl: string | null; vehicle: string | null };
  startedAt: string;
  expiresAt: string;
  arrivedAt: string | null;
  completedAt: string | null;
  /** Whether a position is stored now (only while en route). */
  hasPosition: boolean;
  version: number;
  updatedAt: string;
}

export interface CustomerRecordView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  /** `disabled` after failing for its whole retry schedule (about three days); `POST …/enable` turns it back on. */
  status: 'active' | 'disabled';
  disabledReason: string | null;
  disabledAt: string | null;
  /** Only in the answer that creates it: store it, it is never shown again. */
  secret?: string;
}

/** One event on its way to one endpoint (`GET webhook-endpoints/{id}/deliveries`). */
export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  /** The `webhook-id` the receiver sees: the same on every attempt and re-send. */
  eventId: string;
  eventType: string;
  /** `pending` while attempts remain, `delivered` on a 2xx, `failed` once the schedule ran out or the endpoint was disabled. */
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status on the last attempt; null when none came back. */
  lastResponseStatus: number | null;
  /** `timeout`, `refused-address` (not a public address), `unreachable`, `http-<status>`, `endpoint-disabled`. */
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

/**
 * The schemas of each business route, by route name: the handlers validate with exactly these
 * objects and the OpenAPI document is generated from them (functions/business/openapi.ts).
 */
export const businessSchemas = {
  getSettings: {},
  patchSettings: { body: PatchSettingsBody },
  putCustomer: { path: CustomerPath, body: PutCustomerBody },
  getCustomer: { path: CustomerPath },
  listCustomers: { query: ChangesListQuery },
  inviteCustomer: { path: CustomerPath, body: InviteBody },
  putJob: { path: JobPath, body: PutJobBody },
  getBusinessJob: { path: JobPath },
  listBusinessJobs: { query: ChangesListQuery },
  postNote: { path: JobPath, body: PostNoteBody },
  createAttachment: { path: JobPath, body: CreateAttachmentBody },
  completeAttachment: { path: AttachmentPath },
  postBusinessMessage: { path: JobPath, body: PostBusinessMessageBody },
  listBusinessMessages: { path: JobPath, query: PageQuery },
  putInvoice: { path: WritableInvoicePath, body: PutInvoiceBody },
  getBusinessInvoice: { path: InvoicePath },
  listBusinessInvoices: { query: ChangesListQuery },
  postInvoicePayment: { path: InvoicePath, body: PostInvoicePaymentBody },
  sendInvoice: { path: InvoicePath, body: InviteBody },
  revokeInvoiceLinks: { path: InvoicePath },
  putEstimate: { path: EstimatePath, body: PutEstimateBody },
  getBusinessEstimate: { path: EstimatePath },
  listBusinessEstimates: { query: ChangesListQuery },
  sendEstimate: { path: EstimatePath, body: InviteBody },
  revokeEstimateLinks: { path: EstimatePath },
  putSlot: { path: SlotPath, body: PutSlotBody },
  deleteSlot: { path: SlotPath },
  startTracking: { path: JobPath, body: StartTrackingBody },
  trackingUpdate: { path: JobPath, body: TrackingPositionBody },
  markTrackingArrived: { path: JobPath },
  completeTracking: { path: JobPath },
  startStripeOnboarding: { body: StripeOnboardingBody },
  createWebhookEndpoint: { body: CreateWebhookEndpointBody },
  listWebhookEndpoints: {},
  deleteWebhookEndpoint: { path: EndpointPath },
  listWebhookDeliveries: { path: EndpointPath, query: PageQuery },
  retryWebhookDelivery: { path: DeliveryPath },
  enableWebhookEndpoint: { path: EndpointPath },
} as const;
