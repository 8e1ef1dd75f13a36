/**
 * The HTTP API's request schemas and response shapes, shared by the Lambda handlers and the
 * portal frontend. Schemas are valibot: small and tree-shakeable, so the frontend can reuse
 * them without blowing its 35 KB budget.
 *
 * Conventions: money is integer minor units with an ISO-4217 currency code; instants are
 * ISO-8601 UTC strings, shown in the business's time zone.
 */
import * as v from 'valibot';
import { multilineText, safeText } from './text';
import { isReservedSlug } from '../directory/reserved-slugs';
import type { Address, JobStatus, TimeWindow } from '../jobs/model';
import type { EstimateStatus } from '../estimates/model';
import type { InvoiceStatus } from '../invoices/model';
import type { MenuItem } from '../directory/model';
import type { Money } from '../kernel/types';
import { maxAmount } from '../kernel/money';

// ---------- inputs ----------

/** A portal slug: the business's permanent, URL-safe id (e.g. `acme`). */
export const Slug = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be a portal slug (lowercase letters, digits, dashes)'),
);

/** A slug a business may take: never one of the site's own top-level paths (rule 58). */
export const ClaimableSlug = v.pipe(Slug, v.check((s) => !isReservedSlug(s), 'is reserved for the portal itself: choose another slug'));

export const Email = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.maxLength(254, 'must be at most 254 characters'),
  v.email('must be an email address'),
  v.toLowerCase(),
);

/** Mobile numbers in E.164 (`+15555550123`); the form strips spaces, dashes and brackets first. */
export const Phone = v.pipe(
  v.string('must be a string'),
  v.regex(/^\+[1-9][0-9]{7,14}$/, 'must be a mobile number in international format, like +15555550123'),
);

const EmailSignInLinkRequest = v.strictObject({ portal: Slug, email: Email });
const PhoneSignInLinkRequest = v.strictObject({ portal: Slug, phone: Phone });
export const SignInLinkRequest = v.union([EmailSignInLinkRequest, PhoneSignInLinkRequest]);

/** The variant the body is aiming at, so errors name its fields instead of "matches neither". */
export const signInLinkRequestSchemaFor = (body: unknown) =>
  typeof body === 'object' && body !== null && 'phone' in body ? PhoneSignInLinkRequest : EmailSignInLinkRequest;
export type SignInLinkRequest = v.InferOutput<typeof SignInLinkRequest>;

/** A sign-in token: 32 random bytes, base64url (43 characters). */
export const SignInToken = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be the sign-in code from your link'),
);
export const VerifyRequest = v.strictObject({ token: SignInToken });
export type VerifyRequest = v.InferOutput<typeof VerifyRequest>;

export const JobId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a job id'));

export const JobListQuery = v.strictObject({
  when: v.optional(v.picklist(['upcoming', 'past'], 'must be "upcoming" or "past"'), 'upcoming'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(512, 'is not a valid cursor'), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor'))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9]{1,3}$/, 'must be a whole number from 1 to 50'), v.transform(Number), v.minValue(1, 'must be at least 1'), v.maxValue(50, 'must be at most 50')),
    '20',
  ),
});
export type JobListQuery = v.InferOutput<typeof JobListQuery>;

export const jobSections = ['messages', 'notes', 'attachments', 'payments'] as const;
export const JobSectionPath = v.strictObject({
  jobId: JobId,
  section: v.picklist(jobSections, `must be one of ${jobSections.join(', ')}`),
});
export const JobSectionQuery = v.strictObject({
  cursor: v.optional(v.pipe(v.string(), v.maxLength(512, 'is not a valid cursor'), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor'))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9]{1,3}$/, 'must be a whole number from 1 to 100'), v.transform(Number), v.minValue(1, 'must be at least 1'), v.maxValue(100, 'must be at most 100')),
    '50',
  ),
});

export const PostMessageRequest = v.strictObject({
  text: multilineText(5000, { required: true }),
});
export type PostMessageRequest = v.InferOutput<typeof PostMessageRequest>;

// ---------- outputs ----------

// Value shapes the API shows exactly as the domain keeps them: one declaration, in the domain.
export type { Address, JobStatus, MenuItem, Money, TimeWindow };

export interface PortalInfo {
  slug: string;
  name: string;
  /** IANA zone, e.g. `America/Chicago`: every time is shown in it. */
  timeZone: string;
  branding: { primaryColor: string; logoUrl: string | null };
  menu: MenuItem[];
  contact: { phone: string | null; email: string | null };
  /**
   * Whether customers can pay online here (the portal shows pay buttons only then), which methods
   * the business offers besides card (`eligibleMethods` in shared/payments/methods.ts says which
   * an amount can use), and whether a single invoice may be paid in part.
   */
  payments: { enabled: boolean; methods: { ach: boolean; affirm: boolean; klarna: boolean }; partialPayments: { allowed: boolean; minimumAmount: number } };
  /**
   * Only when the address asked for is one this business moved away from (held for it for a
   * while after a rename): its current slug, the same as `slug`. The portal replaces the old
   * slug in its address bar, keeping the rest of the URL (a link's fragment included).
   */
  movedTo?: string;
}

export interface CustomerView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

export interface MeResponse {
  customer: CustomerView;
  business: PortalInfo;
}

export interface VerifyResponse {
  customer: CustomerView;
  portal: string;
}

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
  balance: Money;
}

export interface JobListResponse {
  items: JobSummary[];
  /** Opaque; pass back as `cursor` for the next page. `null` on the last page. */
  nextCursor: string | null;
}

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

export interface Message {
  id: string;
  at: string;
  from: 'business' | 'customer';
  author: string;
  text: string;
}

/** A page of a list that can grow: newest first; `nextCursor` fetches older ones. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface JobDetail extends JobSummary {
  scopeOfWork: string;
  address: Address;
  contact: { name: string; phone: string | null; email: string | null };
  technician: { name: string } | null;
  charges: Charge[];
  totals: { subtotal: Money; tax: Money; total: Money; paid: Money; balance: Money };
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

// ---------- invoices (customer side) ----------

export type { InvoiceStatus };

/** `open` lists what is left to pay (or on its way), soonest due first; `paid` the rest, newest issued first. */
export const InvoiceListQuery = v.strictObject({
  status: v.optional(v.picklist(['open', 'paid'], 'must be "open" or "paid"'), 'open'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(512, 'is not a valid cursor'), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor'))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9]{1,3}$/, 'must be a whole number from 1 to 100'), v.transform(Number), v.minValue(1, 'must be at least 1'), v.maxValue(100, 'must be at most 100')),
    '25',
  ),
});
export type InvoiceListQuery = v.InferOutput<typeof InvoiceListQuery>;

export const InvoicePath = v.strictObject({ invoiceId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"')) });

export interface InvoiceSummary {
  id: string;
  number: string;
  jobId: string | null;
  issuedAt: string;
  dueAt: string;
  /** Amounts in minor units of `currency`. */
  total: number;
  amountPaid: number;
  balance: number;
  currency: string;
  status: InvoiceStatus;
}

export interface InvoiceListResponse {
  items: InvoiceSummary[];
  /** Opaque; pass back as `cursor` for the next page. `null` on the last page. */
  nextCursor: string | null;
}

export interface InvoiceLineView {
  description: string;
  quantity: number;
  unitAmount: number;
  /** quantity × unitAmount, rounded to a whole minor unit. */
  amount: number;
}

export interface InvoicePaymentView {
  id: string;
  paidAt: string;
  /** `card`, `us_bank_account`, `affirm`, `klarna`, `cash`, `check` or `other`. */
  method: string;
  amount: number;
  currency: string;
}

export interface InvoiceDetail extends InvoiceSummary {
  lines: InvoiceLineView[];
  subtotal: number;
  taxAmount: number;
  amountRefunded: number;
  payments: InvoicePaymentView[];
}

// ---------- paying (customer side) ----------

/** `POST /api/payments/checkout`: the invoices to pay, and for a single one optionally a part of it. */
export const StartCheckoutBody = v.strictObject({
  invoiceIds: v.pipe(
    v.array(InvoicePath.entries.invoiceId, 'must be a list of invoice ids'),
    v.minLength(1, 'must name at least one invoice'),
    v.maxLength(10, 'must name at most 10 invoices'),
    v.check((ids) => new Set(ids).size === ids.length, 'must not repeat an invoice'),
  ),
  amount: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number of minor units (cents)'), v.minValue(1, 'must be at least 1'), v.maxValue(maxAmount, `must be at most ${maxAmount} minor units`))),
});
export type StartCheckoutBody = v.InferOutput<typeof StartCheckoutBody>;

export interface StartCheckoutResponse {
  checkoutId: string;
  /** Stripe's hosted checkout page: send the browser there. */
  url: string;
}

export const CheckoutPath = v.strictObject({ checkoutId: v.pipe(v.string(), v.regex(/^chk_[A-Za-z0-9]{22}$/, 'must be a checkout id')) });

export interface CheckoutStatusResponse {
  checkoutId: string;
  /** `open` (not paid yet), `processing` (a bank payment on its way), `paid`, `failed`, `expired`. */
  status: 'open' | 'processing' | 'paid' | 'failed' | 'expired';
  amount: number;
  currency: string;
  method: string | null;
  invoices: { id: string; number: string; amount: number; status: InvoiceStatus }[];
}

// ---------- estimates (customer side) ----------

export type { EstimateStatus };

/** `open`: awaiting a decision and not expired, soonest expiring first; `decided`: approved, scheduled or declined, newest first. */
export const EstimateListQuery = v.strictObject({
  status: v.optional(v.picklist(['open', 'decided', 'expired'], 'must be "open", "decided" or "expired"'), 'open'),
  cursor: InvoiceListQuery.entries.cursor,
  limit: InvoiceListQuery.entries.limit,
});
export type EstimateListQuery = v.InferOutput<typeof EstimateListQuery>;

export const EstimatePath = v.strictObject({ estimateId: InvoicePath.entries.invoiceId });

export interface EstimateSummary {
  id: string;
  number: string;
  title: string;
  status: EstimateStatus;
  sentAt: string;
  expiresAt: string;
  jobId: string | null;
  currency: string;
  /** The lowest and highest option totals (equal with one option); after approval, both are the chosen option's. */
  priceRange: { low: number; high: number };
}

export interface EstimateListResponse {
  items: EstimateSummary[];
  nextCursor: string | null;
}

export interface EstimateOptionView {
  id: string;
  name: string;
  description: string;
  recommended: boolean;
  lines: InvoiceLineView[];
  subtotal: number;
  taxAmount: number;
  total: number;
  /** What the deposit comes to if this option is approved, or null when none is asked. */
  deposit: number | null;
}

export interface EstimateDetail extends EstimateSummary {
  /** The document version: send it back with the approval (a newer one means the estimate changed). */
  version: number;
  terms: string;
  /** What approving requires: nothing, a typed name, or a drawn signature (with the typed name). */
  signature: 'none' | 'typed' | 'drawn';
  deposit: { percent: number } | { amount: number } | null;
  scheduling: { durationMinutes: number } | null;
  options: EstimateOptionView[];
  /** SHA-256 of exactly this version as shown: the signature record holds it. */
  documentHash: string;
  decision: null | {
    kind: 'approved' | 'declined';
    at: string;
    version: number;
    optionId: string | null;
    signerName: string | null;
    signedWithDrawing: boolean;
    via: 'session' | 'link';
    documentHash: string;
    reason: string | null;
  };
  /** The deposit invoice after approval, with what is left to pay on it. */
  depositInvoice: null | { id: string; number: string; total: number; balance: number; status: InvoiceStatus };
  booking: null | { start: string; end: string; jobId: string };
  /** What the customer has left to do: pay the deposit, pick a slot, nothing; null before a decision or after a decline. */
  next: 'deposit' | 'schedule' | 'done' | null;
}

/** A drawn signature: a PNG as a data URL, as `signature_pad` exports it (at most 200 KB). */
export const maxSignatureImageChars = 200_000;
const SignatureImage = v.pipe(
  v.string('must be a string'),
  v.maxLength(maxSignatureImageChars, 'must be at most 200 KB: draw it a little smaller'),
  v.regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'must be a PNG image as a data URL'),
);

export const ApproveEstimateBody = v.strictObject({
  version: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')),
  optionId: v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an option id')),
  signature: v.optional(
    v.strictObject({
      name: v.pipe(v.string('must be a string'), v.trim(), safeText('line'), v.maxLength(200, 'must be at most 200 characters')),
      image: v.optional(SignatureImage),
    }),
  ),
  acceptTerms: v.literal(true, 'must be true: read and accept the terms to approve'),
});
export type ApproveEstimateBody = v.InferOutput<typeof ApproveEstimateBody>;

export interface ApproveEstimateResponse {
  status: 'approved';
  next: 'deposit' | 'schedule' | 'done';
  depositInvoiceId?: string;
}

export const DeclineEstimateBody = v.strictObject({
  reason: v.optional(v.pipe(v.string('must be a string'), v.trim(), safeText('multiline'), v.maxLength(2000, 'must be at most 2000 characters'))),
});

export interface SlotView {
  id: string;
  start: string;
  end: string;
}

export interface SlotListResponse {
  items: SlotView[];
}

export const ScheduleEstimateBody = v.strictObject({ slotId: v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a slot id')) });

export interface ScheduleEstimateResponse {
  status: 'scheduled';
  jobId: string;
  start: string;
  end: string;
}

/** `GET /api/estimates/{id}/pdf`: a short-lived address of the PDF of the current version (signed once approved). */
export interface EstimatePdfResponse {
  url: string;
  expiresAt: string;
}

/** `GET /api/link`: what a link in the URL fragment opens, without using it. */
export interface LinkResponse {
  kind: 'sign-in' | 'invoice' | 'estimate' | 'tracking';
  /**
   * For a pay link or an estimate link, the invoice or estimate it opens; for a tracking link, the
   * job being visited (read them with the same `Authorization: Link` header).
   */
  id?: string;
  portal: PortalInfo;
}

// ---------- technician tracking ----------

export interface LatLng {
  /** Degrees, -90..90. */
  lat: number;
  /** Degrees, -180..180. */
  lng: number;
}

/**
 * `GET /api/tracking` with a tracking link (`Authorization: Link <token>`): who is coming, where
 * they are and when they should arrive. The position, distance and ETA are there only while the
 * technician is en route; the customer's address never is, only the destination's coordinates.
 * Answered with an `ETag`: `If-None-Match` with it gets 304 until something changes. A visit that
 * is over (completed, expired, revoked) is 410.
 */
export interface TrackingView {
  business: {
    name: string;
    /** IANA zone: the ETA is shown in it. */
    timeZone: string;
    branding: { primaryColor: string; logoUrl: string | null };
    contact: { phone: string | null; email: string | null };
    /** How the page shows distances. */
    distanceUnit: 'mi' | 'km';
  };
  technician: { name: string; photoUrl: string | null; vehicle: string | null };
  status: 'en_route' | 'arrived';
  /** The latest position the technician sent (only while en route, once one has been sent). */
  position?: { lat: number; lng: number; at: string };
  destination: LatLng;
  /** Straight-line distance from the position to the destination, in meters (with `position`). */
  distanceMeters?: number;
  /** When the technician should arrive, as a range (with `position`). */
  eta?: { earliest: string; latest: string };
  /** When anything shown last changed. */
  updatedAt: string;
  /** Where map tiles come from on this stage, or null: the page then draws a plain background. */
  map: { tileUrl: string; attribution: string; maxZoom: number } | null;
}

/** RFC 9457 problem details, as every error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For bad input: each offending field and what is wrong with it. */
  errors?: { field: string; message: string }[];
  /** When the slot asked for was taken meanwhile (409): the slots still open. */
  slots?: SlotView[];
}
