/** The business API: open appointment slots, which customers book after approving an estimate. */
import * as v from 'valibot';
import { ExternalId, Instant } from './common';

export const PutSlotBody = v.pipe(
  v.strictObject({ start: Instant, end: Instant }),
  v.forward(v.check((slot) => slot.start < slot.end, 'must be after start'), ['end']),
  v.forward(v.check((slot) => Date.parse(slot.end) - Date.parse(slot.start) <= 24 * 3600_000, 'must be within 24 hours of start'), ['end']),
);
export type PutSlotBody = v.InferOutput<typeof PutSlotBody>;

export const SlotPath = v.strictObject({ slotId: ExternalId });

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessSlotSchemas = {
  putSlot: { path: SlotPath, body: PutSlotBody },
  deleteSlot: { path: SlotPath },
} as const;
