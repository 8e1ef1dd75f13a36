/** "Changed since" lists: one Query of the changes index, `Limit n+1` so the last page is never empty. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChangesQuery, StorePage } from '../kernel/types';
import { decodeChangesCursor, encodeChangesCursor, type ChangesKey } from './cursors';
import type { Item } from './entity';
import { tableDefinition } from './table';

const { changesIndex } = tableDefinition;

export async function queryChanges<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  query: ChangesQuery,
  read: (item: Item) => T,
): Promise<StorePage<T>> {
  const after = query.cursor ? decodeChangesCursor(query.cursor, partition, query.since) : null;
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
      ...(after ? { ExclusiveStartKey: after } : {}),
    }),
  );
  const page = Items.slice(0, query.limit);
  const last = page[page.length - 1];
  const more = Items.length > query.limit && last;
  const lastKey: ChangesKey | null = more ? { pk: String(last.pk), sk: String(last.sk), gsi1pk: String(last[changesIndex.partitionKey]), gsi1sk: String(last[changesIndex.sortKey]) } : null;
  return { items: page.map(read), nextCursor: lastKey ? encodeChangesCursor(lastKey, query.since) : null };
}
