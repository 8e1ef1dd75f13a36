/** The business's appointment slots (`PUT` and `DELETE slots/{slotId}`): open ones are its to move or withdraw; a booked one is the customer's. */
import { readModifyWrite } from '../kernel/read-modify-write';
import { Conflict, NotFound } from '../kernel/errors';
import type { SlotRecord } from './model';
import type { Clock } from '../kernel/types';
import type { SlotStore } from './port';

export const slotView = (slot: SlotRecord) => ({
  id: slot.id,
  start: slot.start,
  end: slot.end,
  status: slot.bookedBy ? ('booked' as const) : ('open' as const),
  estimateId: slot.bookedBy,
  bookedAt: slot.bookedAt,
  createdAt: slot.createdAt,
  updatedAt: slot.updatedAt,
});

const bookedConflict = (slot: SlotRecord) =>
  new Conflict(`This slot was booked by a customer (estimate ${slot.bookedBy}): it can no longer change. Reschedule the job instead.`);

export async function putSlot(businessId: string, slotId: string, window: { start: string; end: string }, deps: { slots: SlotStore; clock: Clock }): Promise<{ slot: SlotRecord; created: boolean }> {
  return readModifyWrite<SlotRecord | null, { slot: SlotRecord; created: boolean }>(
    () => deps.slots.getSlot(businessId, slotId),
    (existing) => {
      if (existing?.bookedBy) {
        if (existing.start === window.start && existing.end === window.end) return { done: { slot: existing, created: false } };
        throw bookedConflict(existing);
      }
      if (existing && existing.start === window.start && existing.end === window.end) return { done: { slot: existing, created: false } };
      const now = deps.clock.now().toISOString();
      const slot: SlotRecord = { businessId, id: slotId, ...window, bookedBy: null, bookedAt: null, version: (existing?.version ?? 0) + 1, createdAt: existing?.createdAt ?? now, updatedAt: now };
      return { write: () => deps.slots.putSlot(slot, existing?.version ?? null), after: () => ({ slot, created: !existing }) };
    },
    () => new Conflict('This slot kept changing while we tried to save it. Please retry.'),
  );
}

export async function deleteSlot(businessId: string, slotId: string, deps: { slots: SlotStore }): Promise<void> {
  if (await deps.slots.deleteOpenSlot(businessId, slotId)) return;
  const slot = await deps.slots.getSlot(businessId, slotId);
  if (!slot) throw new NotFound(`There is no slot ${slotId}.`);
  throw bookedConflict(slot);
}
