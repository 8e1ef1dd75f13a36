/**
 * A customer's (or business's) lists in the lists index (open/paid invoices, open/decided
 * estimates): one Query, `Limit n+1` so the last page is never empty, paged by the last list sort
 * key read. Every list sort key ends in `#<id>` of its record, which gives back the table key an
 * index start key needs too.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StorePage } from '../kernel/types';
import type { Item, Key } from './entity';
import { tableDefinition } from './table';
import { decodeListCursor, encodeListCursor } from './cursors';

const { listsIndex } = tableDefinition;


export async function queryList<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  list: {
    partition: string;
    forward: boolean;
    limit: number;
    /** The list's name, written into its cursors: a cursor of another list is refused. */
    name: string;
    /** A cursor from a previous page of this list. */
    cursor: string | null;
    /** Only entries whose sort key is above this (the open estimates: unexpired at now). */
    above?: string;
    /** Only entries whose sort key is below this (the expired ones among them). */
    below?: string;
    /** The table key of the record an entry's id names. */
    keyOf: (id: string) => Key;
  },
  read: (item: Item) => T,
): Promise<StorePage<T>> {
  const after = list.cursor ? decodeListCursor(list.cursor, list.name) : null;
  const bound = list.above !== undefined ? { op: '>', value: list.above } : list.below !== undefined ? { op: '<', value: list.below } : null;
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: listsIndex.name,
      KeyConditionExpression: bound ? `#pk = :pk AND #sk ${bound.op} :bound` : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': listsIndex.partitionKey, ...(bound ? { '#sk': listsIndex.sortKey } : {}) },
      ExpressionAttributeValues: { ':pk': list.partition, ...(bound ? { ':bound': bound.value } : {}) },
      ScanIndexForward: list.forward,
      Limit: list.limit + 1,
      ...(after ? { ExclusiveStartKey: { ...list.keyOf(after.slice(after.lastIndexOf('#') + 1)), [listsIndex.partitionKey]: list.partition, [listsIndex.sortKey]: after } } : {}),
    }),
  );
  const page = Items.slice(0, list.limit);
  return { items: page.map(read), nextCursor: Items.length > list.limit ? encodeListCursor(list.name, String(page[page.length - 1]![listsIndex.sortKey])) : null };
}
