/** What the follow-up steps need from storage (shared/followups/store.ts implements it). */
import type { OwedStep, OwedSteps } from './owed';

/** The item that owes steps: the deciding record, named by kind and id (never by table key). */
export interface StepOwner {
  kind: 'invoice' | 'checkout' | 'estimate' | 'slot' | 'visit' | 'customer' | 'password' | 'request' | 'submission';
  businessId: string;
  /** The invoice, checkout, estimate, slot or customer id; for a visit, its job's id (one visit item per job). */
  id: string;
}

/** The owner a record of that kind is (a visit's id is its job's). */
export const stepOwner = (kind: StepOwner['kind'], record: { businessId: string; id: string }): StepOwner => ({ kind, businessId: record.businessId, id: record.id });

/** An item in the follow-up index, as the re-driver finds it. */
export interface OwedItem {
  owner: StepOwner;
  owed: OwedSteps;
  /** The item's place in the index (its `owedSk`): leasing it is a conditional write on this. */
  place: string;
}

/** The follow-up index is spread over this many partitions, so no one partition runs hot. */
export const followUpShards = 4;

export interface FollowUpStore {
  /** Items in one shard of the index with a step due at or before `now`, earliest first. */
  listDue(shard: number, now: string, limit: number): Promise<OwedItem[]>;
  /** The owner's steps as stored now (consistent); null when the item is gone. */
  read(owner: StepOwner): Promise<OwedItem | null>;
  /** Takes the item out of the re-driver's view until `until` (false: it moved or was taken since it was listed). */
  lease(item: OwedItem, until: string): Promise<boolean>;
  /**
   * Crosses off `done` and stores the new state of `failed` steps (attempts, next due time); the
   * item leaves the index once nothing is owed, else is placed at its earliest due step.
   */
  settle(owner: StepOwner, done: string[], failed: Record<string, OwedStep>): Promise<void>;
}
