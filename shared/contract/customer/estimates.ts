/**
 * The customer API: estimates. List and read them, approve an option with the signature it asks
 * for, decline, get its PDF, and after approval (and any deposit) book one of the open slots.
 * A session reads all of the customer's; an estimate link opens that one and its deposit invoice.
 */
import * as v from 'valibot';
import { cursorParam, limitParam, type Page } from '../common';
import { safeText, singleLineText } from '../text';
import { DocumentId, type InvoiceLineView, type InvoiceStatus } from './invoices';

export type EstimateStatus = 'sent' | 'approved' | 'declined' | 'expired' | 'scheduled';

/** `open`: awaiting a decision and not expired, soonest expiring first; `decided`: approved, scheduled or declined, newest first. */
export const EstimateListQuery = v.strictObject({
  status: v.optional(v.picklist(['open', 'decided', 'expired'], 'must be "open", "decided" or "expired"'), 'open'),
  cursor: cursorParam(512),
  limit: limitParam(100, 25),
});
export type EstimateListQuery = v.InferOutput<typeof EstimateListQuery>;

export const EstimatePath = v.strictObject({ estimateId: DocumentId });

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

export type EstimateListResponse = Page<EstimateSummary>;

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
    /** How they signed: a drawing, or their name typed as their signature; null when none was asked. */
    signatureMethod: SignatureMethod | null;
    /** The typed signature, exactly as typed (only when `signatureMethod` is `typed`). */
    typedSignature: string | null;
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

/** How a customer signed: by drawing, or by typing their name as their signature (ESIGN/UETA: a typed name is a signature). */
export type SignatureMethod = 'drawn' | 'typed';

/** The longest signer name and typed signature. */
export const maxSignatureNameChars = 200;

/**
 * The signature an approval carries. `name` is the signer's full name. Where the estimate asks
 * for a drawn signature, exactly one of `image` (the drawing) and `typed` (the name typed as the
 * signature, for anyone who cannot draw: always accepted, the business cannot switch it off).
 */
const ApprovalSignature = v.strictObject({
  name: v.pipe(v.string('must be a string'), v.trim(), safeText('line'), v.maxLength(maxSignatureNameChars, `must be at most ${maxSignatureNameChars} characters`), v.description('The signer\'s full name.')),
  image: v.optional(v.pipe(SignatureImage, v.description('A drawn signature. Where a drawing is asked, send this or `typed`, not both.'))),
  typed: v.optional(
    v.pipe(
      singleLineText(maxSignatureNameChars, 'typed signature'),
      v.description('The signer\'s name typed as their signature (it signs as a handwritten signature would). Accepted instead of `image` on every estimate that asks for a drawing.'),
    ),
  ),
});

/** The same signature, where a form's signature field asks for one (shared/contract/forms.ts). */
export const SignatureBody = ApprovalSignature;

export const ApproveEstimateBody = v.strictObject({
  version: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')),
  optionId: v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an option id')),
  signature: v.optional(ApprovalSignature),
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
  /**
   * The customer already has a visit (another job of theirs, not cancelled) at a time that
   * overlaps this slot. Only a yes or no: a link's holder learns no other job's details. The slot
   * can still be booked (the business may well send one technician for both); the page warns.
   */
  overlapsVisit: boolean;
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

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerEstimateSchemas = {
  listEstimates: { query: EstimateListQuery },
  getEstimate: { path: EstimatePath },
  getEstimatePdf: { path: EstimatePath },
  approveEstimate: { path: EstimatePath, body: ApproveEstimateBody },
  declineEstimate: { path: EstimatePath, body: DeclineEstimateBody },
  listEstimateSlots: { path: EstimatePath },
  scheduleEstimate: { path: EstimatePath, body: ScheduleEstimateBody },
} as const;
