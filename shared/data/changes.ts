/** "Changed since" lists: one Query of the changes index, `Limit n+1` so the last page is never empty. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChangesQuery, StorePage } from '../kernel/types';
import { decodeChangesCursor, encodeChangesCursor, type ChangesKey } from './cursors';
import type { Item } from './entity';
import { tableDefinition } from './table';

const { changesIndex } = tableDefinition;

/**
 * Only records whose `attribute` is `value` (a request's status): a filter on the same Query, so
 * a page may take several reads (at most `maxFilteredReads`); the cursor names the filter, so a
 * cursor of another filter is a 400.
 */
export interface ChangesFilter {
  attribute: string;
  value: string;
}

/** Reads of one filtered page at most: a page that finds fewer matches ends early, with a cursor. */
export const maxFilteredReads = 5;

export async function queryChanges<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  query: ChangesQuery,
  read: (item: Item) => T,
  filter?: ChangesFilter,
): Promise<StorePage<T>> {
  // A filtered list's cursors carry the filter with `updatedSince`, so they only fit the same query.
  const queryId = filter ? `${query.since ?? ''}|${filter.attribute}=${filter.value}` : query.since;
  let after: Record<string, unknown> | null = query.cursor ? { ...decodeChangesCursor(query.cursor, partition, queryId, query.since) } : null;
  const found: Item[] = [];
  let lastKey: ChangesKey | null = null;
  for (let reads = 0; reads < (filter ? maxFilteredReads : 1); reads++) {
    const { Items = [], LastEvaluatedKey } = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: changesIndex.name,
        KeyConditionExpression: query.since ? '#pk = :pk AND #sk >= :since' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': changesIndex.partitionKey, ...(query.since ? { '#sk': changesIndex.sortKey } : {}), ...(filter ? { '#f': filter.attribute } : {}) },
        // `<since>` sorts before every `<since>#<id>`: changes at or after `since` (a sync that passes
        // the last `updatedAt` it saw may see that record again, but never misses one written in the same millisecond).
        ExpressionAttributeValues: { ':pk': partition, ...(query.since ? { ':since': query.since } : {}), ...(filter ? { ':f': filter.value } : {}) },
        ...(filter ? { FilterExpression: '#f = :f' } : {}),
        ScanIndexForward: true,
        Limit: query.limit + 1,
        ...(after ? { ExclusiveStartKey: after } : {}),
      }),
    );
    found.push(...Items);
    lastKey = null;
    if (!filter || found.length > query.limit || !LastEvaluatedKey) break;
    after = LastEvaluatedKey;
    // Out of reads with more to read: the next page starts after the last item read, matched or not.
    lastKey = keyOf(LastEvaluatedKey);
  }
  const page = found.slice(0, query.limit);
  const last = page[page.length - 1];
  if (found.length > query.limit && last) lastKey = keyOf(last);
  return { items: page.map(read), nextCursor: lastKey ? encodeChangesCursor(lastKey, queryId) : null };
}

const keyOf = (item: Record<string, unknown>): ChangesKey => ({ pk: String(item.pk), sk: String(item.sk), gsi1pk: String(item[changesIndex.partitionKey]), gsi1sk: String(item[changesIndex.sortKey]) });
