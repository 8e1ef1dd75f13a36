/** The business API: estimates (a change makes a new version), their links, and the slots customers book. */
import * as v from 'valibot';
import { multilineText, singleLineText as text } from '../text';
import { optionTotals } from '../totals';
import { AddressBody, Amount, ChangesListQuery, Currency, ExternalId, Instant, InviteBody, InvoiceLine, sumWithinCeiling, totalWithinMax } from './common';

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
  /** What approving takes: nothing, a typed name, or a drawn signature (with the typed name); a drawing can always be replaced by the name typed as the signature. */
  signature: v.optional(
    v.pipe(
      v.picklist(['none', 'typed', 'drawn'], 'must be none, typed or drawn'),
      v.description(
        'What approving takes: `none`, `typed` (the typed name signs) or `drawn` (a drawing with the typed name). Where a drawing is asked the customer may always type their name as their signature instead (accessibility; ESIGN/UETA); the decision records `signatureMethod` and `typedSignature`.',
      ),
    ),
    'typed',
  ),
  /** A deposit to pay on approval: a share of the chosen option's total, or a fixed amount (capped at that total). */
  deposit: v.optional(v.nullable(v.union([v.strictObject({ percent: Percent }), v.strictObject({ amount: v.pipe(Amount, v.minValue(1, 'must be at least 1')) })], 'must be { "percent": n } or { "amount": n }')), null),
  /** Offer the open slots after approval (and the deposit), for a visit this long. */
  scheduling: v.optional(v.nullable(v.strictObject({ durationMinutes: v.pipe(v.number('must be a number'), v.integer('must be whole minutes'), v.minValue(15, 'must be at least 15'), v.maxValue(24 * 60, 'must be at most 1440')) })), null),
  /** Where the work is done; needed with `scheduling` when there is no `jobId` (booking creates the job there). */
  address: v.optional(v.nullable(AddressBody), null),
});
export type PutEstimateBody = v.InferOutput<typeof PutEstimateBody>;

export const EstimatePath = v.strictObject({ estimateId: ExternalId });

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessEstimateSchemas = {
  putEstimate: { path: EstimatePath, body: PutEstimateBody },
  getBusinessEstimate: { path: EstimatePath },
  listBusinessEstimates: { query: ChangesListQuery },
  sendEstimate: { path: EstimatePath, body: InviteBody },
  revokeEstimateLinks: { path: EstimatePath },
} as const;
