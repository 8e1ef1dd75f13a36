/**
 * The follow-up index (docs/data-model.md, "Follow-up steps"): an item that owes steps carries
 * `owed` (step id → step), `owedBy` (which record it is, by kind and id) and, while anything is
 * owed, `owedPk` (`OWED#<shard>`) and `owedSk` (`<earliest due time>#<pk>#<sk>`), so the sparse
 * index lists exactly the items with steps owed, earliest first.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { OwedStepsSchema, type OwedSteps } from './owed';
import { followUpShards, type OwedItem, type StepOwner } from './port';
import { tableDefinition } from '../data/table';
import { parseItem, type Item, type Key } from '../data/entity';
import { checkoutEntity } from '../payments/entity';
import { estimateEntity, slotEntity } from '../estimates/entity';
import { invoiceEntity } from '../invoices/entity';
import { trackingVisitEntity } from '../tracking/entity';
import { customerEntity } from '../directory/customer-entity';
import { passwordEntity } from '../auth/password/entity';
import { requestEntity } from '../requests/entity';
import { submissionEntity } from '../forms/entity';

const { followUpIndex } = tableDefinition;

const ownerKeys: Record<StepOwner['kind'], (businessId: string, id: string) => Key> = {
  invoice: invoiceEntity.key,
  checkout: checkoutEntity.key,
  estimate: estimateEntity.key,
  slot: slotEntity.key,
  visit: trackingVisitEntity.key,
  customer: customerEntity.key,
  password: passwordEntity.key,
  request: requestEntity.key,
  submission: submissionEntity.key,
};

const OwedItemSchema = v.object({
  owedBy: v.object({ kind: v.picklist(['invoice', 'checkout', 'estimate', 'slot', 'visit', 'customer', 'password', 'request', 'submission']), businessId: v.string(), id: v.string() }),
  owed: OwedStepsSchema,
  [followUpIndex.sortKey]: v.optional(v.string(), ''),
});

export const followUpEntity = {
  type: 'owed',
  ownerKey: (owner: StepOwner): Key => ownerKeys[owner.kind](owner.businessId, owner.id),
  /** Spread by the item's partition key: a stable, even hash. */
  shardOf: (key: Key): number => createHash('sha256').update(key.pk).digest().readUInt32BE(0) % followUpShards,
  partition: (shard: number) => `OWED#${shard}`,
  place: (key: Key, dueAt: string) => `${dueAt}#${key.pk}#${key.sk}`,
  fromItem: (item: Item): OwedItem => {
    const parsed = parseItem(followUpEntity.type, OwedItemSchema, item);
    return { owner: parsed.owedBy, owed: parsed.owed as OwedSteps, place: parsed[followUpIndex.sortKey] as string };
  },
};
