/**
 * The follow-up index: items that owe steps, and crossing steps off (shared/followups). Given the
 * owner-kind → key map (`ownerKey`) by whoever builds it, so it names no capability's items
 * (shared/steps/follow-up-store.ts builds it over every owner's).
 */
import { QueryCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OwedStep, OwedSteps } from './owed';
import { earliestDue } from './owed';
import type { FollowUpStore, OwedItem, StepOwner } from './port';
import { conditionalWrite } from '../data/document-client';
import { followUpEntity, type OwnerKey } from './entity';
import { tableDefinition } from '../data/table';
import type { Key } from '../data/entity';

const { followUpIndex } = tableDefinition;

export class DynamoFollowUpStore implements FollowUpStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string, private readonly ownerKey: OwnerKey) {}

  async listDue(shard: number, now: string, limit: number): Promise<OwedItem[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: followUpIndex.name,
        KeyConditionExpression: '#opk = :opk AND #osk <= :now',
        ExpressionAttributeNames: { '#opk': followUpIndex.partitionKey, '#osk': followUpIndex.sortKey },
        // Every place starts with its due time: all of `now`'s second and before.
        ExpressionAttributeValues: { ':opk': followUpEntity.partition(shard), ':now': `${now}\uffff` },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(followUpEntity.fromItem);
  }

  async read(owner: StepOwner): Promise<OwedItem | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: this.ownerKey(owner), ConsistentRead: true }));
    return Item && Item.owedBy ? followUpEntity.fromItem(Item) : null;
  }

  lease(item: OwedItem, until: string): Promise<boolean> {
    const key = this.ownerKey(item.owner);
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #osk = :lease',
          ConditionExpression: '#osk = :place',
          ExpressionAttributeNames: { '#osk': followUpIndex.sortKey },
          ExpressionAttributeValues: { ':lease': followUpEntity.place(key, until), ':place': item.place },
        }),
      ),
    );
  }

  async settle(owner: StepOwner, done: string[], failed: Record<string, OwedStep>): Promise<void> {
    const key = this.ownerKey(owner);
    const names: Record<string, string> = { '#owed': 'owed' };
    const values: Record<string, unknown> = {};
    const removes: string[] = [];
    const sets: string[] = [];
    done.forEach((id, i) => {
      names[`#d${i}`] = id;
      removes.push(`#owed.#d${i}`);
    });
    Object.entries(failed).forEach(([id, step], i) => {
      names[`#f${i}`] = id;
      values[`:f${i}`] = step;
      sets.push(`#owed.#f${i} = :f${i}`);
    });
    if (removes.length === 0 && sets.length === 0) return this.place(key, (await this.read(owner))?.owed ?? {});
    // The common case, in one call: everything done, and these were all it owed (the map holds
    // exactly them), so the item leaves the index in the same write.
    if (sets.length === 0) {
      const cleared = await conditionalWrite(() =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: `REMOVE ${removes.join(', ')}, #opk, #osk`,
            ConditionExpression: `size(#owed) = :count AND ${removes.map((path) => `attribute_exists(${path})`).join(' AND ')}`,
            ExpressionAttributeNames: { ...names, '#opk': followUpIndex.partitionKey, '#osk': followUpIndex.sortKey },
            ExpressionAttributeValues: { ':count': removes.length },
          }),
        ),
      );
      if (cleared) return;
    }
    const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim();
    let after: Record<string, unknown> | undefined;
    try {
      ({ Attributes: after } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(#owed)',
          ExpressionAttributeNames: names,
          ...(sets.length ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      ));
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return; // the item is gone: nothing is owed
      throw error;
    }
    if (after) await this.place(key, followUpEntity.fromItem(after).owed);
  }

  /** Out of the index when nothing is owed, else at the earliest due step. */
  private async place(key: Key, left: OwedSteps): Promise<void> {
    const due = earliestDue(left);
    if (due === null) {
      // Nothing left: out of the index, unless a step was owed in between (then the map is not empty).
      await conditionalWrite(() =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'REMOVE #opk, #osk',
            ConditionExpression: 'size(#owed) = :zero',
            ExpressionAttributeNames: { '#owed': 'owed', '#opk': followUpIndex.partitionKey, '#osk': followUpIndex.sortKey },
            ExpressionAttributeValues: { ':zero': 0 },
          }),
        ),
      );
      return;
    }
    // Placed at its earliest due step (a step owed in between re-places it itself).
    await conditionalWrite(() => this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET #opk = :opk, #osk = :osk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#opk': followUpIndex.partitionKey, '#osk': followUpIndex.sortKey },
        ExpressionAttributeValues: { ':opk': followUpEntity.partition(followUpEntity.shardOf(key)), ':osk': followUpEntity.place(key, due) },
      }),
    ));
  }
}
