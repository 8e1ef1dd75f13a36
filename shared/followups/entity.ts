/**
 * The follow-up index (docs/data-model.md, "Follow-up steps"): an item that owes steps carries
 * `owed` (step id → step), `owedBy` (which record it is, by kind and id) and, while anything is
 * owed, `owedPk` (`OWED#<shard>`) and `owedSk` (`<earliest due time>#<pk>#<sk>`), so the sparse
 * index lists exactly the items with steps owed, earliest first.
 *
 * The owner's own key is its capability's (each entity's `key`): the store that writes the owner
 * passes it, and the follow-up store is given the owner-kind → key map by the composition above
 * the capabilities (shared/steps/follow-up-store.ts), so this core imports no capability.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { OwedStepsSchema, type OwedSteps } from './owed';
import { followUpShards, type OwedItem, type StepOwner } from './port';
import { tableDefinition } from '../data/table';
import { parseItem, type Item, type Key } from '../data/entity';

const { followUpIndex } = tableDefinition;

/** The table key of the item that owes steps (its own capability's entity key). */
export type OwnerKey = (owner: StepOwner) => Key;

const OwedItemSchema = v.object({
  owedBy: v.object({ kind: v.picklist(['invoice', 'checkout', 'estimate', 'slot', 'visit', 'customer', 'password', 'request', 'submission']), businessId: v.string(), id: v.string() }),
  owed: OwedStepsSchema,
  [followUpIndex.sortKey]: v.optional(v.string(), ''),
});

export const followUpEntity = {
  type: 'owed',
  /** Spread by the item's partition key: a stable, even hash. */
  shardOf: (key: Key): number => createHash('sha256').update(key.pk).digest().readUInt32BE(0) % followUpShards,
  partition: (shard: number) => `OWED#${shard}`,
  place: (key: Key, dueAt: string) => `${dueAt}#${key.pk}#${key.sk}`,
  fromItem: (item: Item): OwedItem => {
    const parsed = parseItem(followUpEntity.type, OwedItemSchema, item);
    return { owner: parsed.owedBy, owed: parsed.owed as OwedSteps, place: parsed[followUpIndex.sortKey] as string };
  },
};
