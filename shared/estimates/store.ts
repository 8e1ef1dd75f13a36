/** Estimates, their drawn signatures, and the business's appointment slots. */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EstimateRecord, SlotRecord } from './model';
import type { ChangesQuery, StorePage } from '../kernel/types';
import type { EstimateStore, SlotStore } from './port';
import { estimateEntity, signatureImageEntity, slotEntity } from './entity';
import { type EstimateList, type EstimateListView } from './model';
import { conditionalWrite } from '../data/document-client';
import { queryChanges } from '../data/changes';
import { queryList } from '../data/lists';
import { tableDefinition } from '../data/table';
import { versionedSet } from '../data/versioned-update';
import { owedClauses, putVersionedOwing, writeOwing } from '../followups/owed-write';
import { stepOwner } from '../followups/port';
import type { OwedSteps } from '../followups/owed';

const { listsIndex } = tableDefinition;

export class DynamoEstimateStore implements EstimateStore, SlotStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getEstimate(businessId: string, estimateId: string, options: { consistent?: boolean } = {}): Promise<EstimateRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: estimateEntity.key(businessId, estimateId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
    );
    return Item ? estimateEntity.fromItem(Item) : null;
  }

  async putEstimate(estimate: EstimateRecord, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean> {
    return putVersionedOwing(this.doc, this.tableName, stepOwner('estimate', estimate), estimateEntity.key(estimate.businessId, estimate.id), estimateEntity.attributes(estimate), expectedVersion, owed);
  }

  listEstimatesChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<EstimateRecord>> {
    return queryChanges(this.doc, this.tableName, estimateEntity.changesPartition(businessId), query, estimateEntity.fromItem);
  }

  listCustomerEstimates(
    businessId: string,
    customerId: string,
    query: { list: EstimateListView; limit: number; cursor: string | null; now: string },
  ): Promise<StorePage<EstimateRecord>> {
    const expired = query.list === 'expired';
    const list: EstimateList = query.list === 'expired' ? 'open' : query.list;
    return queryList(
      this.doc,
      this.tableName,
      {
        partition: estimateEntity.listPartition(businessId, customerId, list),
        // Open: soonest to expire first. Expired: most recently expired first.
        forward: !expired && estimateEntity.listReadsForward(list),
        limit: query.limit,
        name: query.list,
        cursor: query.cursor,
        // Open ones sort by expiry: the key condition alone tells unexpired from expired.
        ...(query.list === 'open' ? { above: query.now } : expired ? { below: query.now } : {}),
        keyOf: (estimateId) => estimateEntity.key(businessId, estimateId),
      },
      estimateEntity.fromItem,
    );
  }

  async putSignatureImage(businessId: string, estimateId: string, imageHash: string, png: Uint8Array, at: string): Promise<void> {
    // Keyed by its own hash: the same drawing written again is the same item, so a conflict is no news.
    await conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...signatureImageEntity.key(businessId, estimateId, imageHash), type: signatureImageEntity.type, png, version: 1, createdAt: at, updatedAt: at },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async getSignatureImage(businessId: string, estimateId: string, imageHash: string): Promise<Uint8Array | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: signatureImageEntity.key(businessId, estimateId, imageHash) }));
    return Item?.png instanceof Uint8Array ? Item.png : null;
  }

  async deleteSignatureImage(businessId: string, estimateId: string, imageHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: signatureImageEntity.key(businessId, estimateId, imageHash) }));
  }

  // ---------- slots ----------

  async getSlot(businessId: string, slotId: string): Promise<SlotRecord | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: slotEntity.key(businessId, slotId), ConsistentRead: true }));
    return Item ? slotEntity.fromItem(Item) : null;
  }

  async putSlot(slot: SlotRecord, expectedVersion: number | null): Promise<boolean> {
    // Only an open slot is ever rewritten: a booked one is the customer's.
    const params = versionedSet(slotEntity.attributes(slot), expectedVersion);
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: slotEntity.key(slot.businessId, slot.id),
          ...params,
          ConditionExpression: `(${params.ConditionExpression}) AND (attribute_not_exists(bookedBy) OR bookedBy = :open)`,
          ExpressionAttributeValues: { ...params.ExpressionAttributeValues, ':open': null },
        }),
      ),
    );
  }

  async deleteOpenSlot(businessId: string, slotId: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: slotEntity.key(businessId, slotId), ConditionExpression: 'attribute_exists(pk) AND bookedBy = :open', ExpressionAttributeValues: { ':open': null } }),
      ),
    );
  }

  async listOpenSlots(businessId: string, query: { from: string; limit: number }): Promise<SlotRecord[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: listsIndex.name,
        KeyConditionExpression: '#pk = :pk AND #sk > :from',
        ExpressionAttributeNames: { '#pk': listsIndex.partitionKey, '#sk': listsIndex.sortKey },
        ExpressionAttributeValues: { ':pk': slotEntity.openListPartition(businessId), ':from': query.from },
        Limit: query.limit,
      }),
    );
    return Items.map(slotEntity.fromItem);
  }

  async holdSlot(businessId: string, slotId: string, hold: { estimateId: string; requestId: string }, at: string, owed: OwedSteps): Promise<boolean> {
    // The one write that books: only while open; it leaves the open list in the same write, and
    // owes the check that its booking was decided (else the slot goes back).
    const key = slotEntity.key(businessId, slotId);
    return writeOwing(false, (mode) => {
      const clauses = owedClauses({ kind: 'slot', businessId, id: slotId }, key, owed, mode);
      return conditionalWrite(() =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: `SET bookedBy = :estimate, holdRequestId = :request, bookedAt = :at, updatedAt = :at, #version = #version + :one, ${clauses.sets.join(', ')} REMOVE #gpk, #gsk`,
            ConditionExpression: `attribute_exists(pk) AND bookedBy = :open${clauses.extraCondition ? ` AND ${clauses.extraCondition}` : ''}`,
            ExpressionAttributeNames: { '#version': 'version', '#gpk': listsIndex.partitionKey, '#gsk': listsIndex.sortKey, ...clauses.names },
            ExpressionAttributeValues: { ':estimate': hold.estimateId, ':request': hold.requestId, ':at': at, ':one': 1, ':open': null, ...clauses.values },
          }),
        ),
      );
    });
  }

  async slotHold(businessId: string, slotId: string): Promise<{ estimateId: string | null; requestId: string | null } | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: slotEntity.key(businessId, slotId), ConsistentRead: true }));
    if (!Item) return null;
    return { estimateId: (Item.bookedBy as string | null) ?? null, requestId: (Item.holdRequestId as string | undefined) ?? null };
  }

  async releaseSlot(businessId: string, slot: SlotRecord, hold: { estimateId: string; requestId: string }, at: string): Promise<void> {
    // Back in the open list, only if this booking request still holds it.
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: slotEntity.key(businessId, slot.id),
          UpdateExpression: 'SET bookedBy = :open, bookedAt = :open, holdRequestId = :open, updatedAt = :at, #version = #version + :one, #gpk = :gpk, #gsk = :gsk',
          ConditionExpression: 'bookedBy = :estimate AND holdRequestId = :request',
          ExpressionAttributeNames: { '#version': 'version', '#gpk': listsIndex.partitionKey, '#gsk': listsIndex.sortKey },
          ExpressionAttributeValues: { ':estimate': hold.estimateId, ':request': hold.requestId, ':at': at, ':one': 1, ':open': null, ':gpk': slotEntity.openListPartition(businessId), ':gsk': slotEntity.openListSortKey(slot) },
        }),
      ),
    );
  }
}
