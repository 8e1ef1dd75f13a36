/** "Changed since" lists: one Query of the changes index, `Limit n+1` so the last page is never empty. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StorePage } from '../kernel/types';
import type { Item } from './entity';
import { tableDefinition } from './table';

const { changesIndex } = tableDefinition;

export async function queryChanges<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  query: ChangesQuery,
  read: (item: Item) => T,
): Promise<StorePage<T, ChangesKey>> {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: changesIndex.name,
      KeyConditionExpression: query.since ? '#pk = :pk AND #sk >= :since' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': changesIndex.partitionKey, ...(query.since ? { '#sk': changesIndex.sortKey } : {}) },
      // `<since>` sorts before every `<since>#<id>`: changes at or after `since` (a sync that passes
      // the last `updatedAt` it saw may see that record again, but never misses one written in the same millisecond).
      ExpressionAttributeValues: { ':pk': partition, ...(query.since ? { ':since': query.since } : {}) },
      ScanIndexForward: true,
      Limit: query.limit + 1,
      ...(query.after ? { ExclusiveStartKey: query.after } : {}),
    }),
  );
  const page = Items.slice(0, query.limit);
  const last = page[page.length - 1];
  const more = Items.length > query.limit && last;
  return {
    items: page.map(read),
    lastKey: more ? { pk: String(last.pk), sk: String(last.sk), gsi1pk: String(last[changesIndex.partitionKey]), gsi1sk: String(last[changesIndex.sortKey]) } : null,
  };
}

import type { Key } from './entity';

/** Position in the changes index (a "changed since" list). */
export interface ChangesKey extends Key {
  gsi1pk: string;
  gsi1sk: string;
}

export interface ChangesQuery {
  since: string | null;
  limit: number;
  after: ChangesKey | null;
}
