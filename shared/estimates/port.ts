import type { EstimateRecord, SlotRecord } from './model';

import type { EstimateListView } from './model';

import type { OwedSteps } from '../followups/owed';
import type { StorePage } from '../kernel/types';
import type { ChangesKey, ChangesQuery } from '../data/changes';

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
