import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, type BatchGetCommandOutput, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { backoff } from '../kernel/retry';
import type { Item, Key } from './entity';
import { traceAwsClient } from '../logging/tracing';

/** The one way to make a DocumentClient: on AWS with defaults (its calls traced: shared/logging/tracing.ts), locally pointed at dynalite. */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(traceAwsClient(new DynamoDBClient(config)), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * Runs a write whose condition may fail: true when it was written, false when its condition did
 * not hold (someone else changed the item first). Any other error is thrown.
 */
export async function conditionalWrite(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** BatchGetItem takes at most this many keys a request. */
const batchGetLimit = 100;

/**
 * Reads items by key in BatchGetItem requests of at most 100 keys each, asking again (with
 * backoff) for any keys DynamoDB hands back unprocessed under throttling. Items come back in no
 * particular order; missing ones are simply absent. Throws if keys are still unprocessed after a
 * few tries, rather than report an item missing that exists.
 */
export async function batchGetItems(doc: DynamoDBDocumentClient, tableName: string, keys: Key[], options: { consistent?: boolean } = {}): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += batchGetLimit) {
    let pending: Record<string, unknown>[] = keys.slice(start, start + batchGetLimit);
    for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
      await backoff(attempt);
      const request = { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) };
      const out: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: request } }));
      items.push(...(out.Responses?.[tableName] ?? []));
      pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
    if (pending.length > 0) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after 5 tries`);
  }
  return items;
}

/** Every item a Query matches, page by page: for collections known to stay small (an invoice's payments, a business's keys). */
export async function queryAllItems(doc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Everything under one sort-key prefix of one partition (small collections only); `consistent`: a write just made is among them. */
export function queryPrefix(doc: DynamoDBDocumentClient, tableName: string, pk: string, prefix: string, options: { consistent?: boolean } = {}): Promise<Item[]> {
  return queryAllItems(doc, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ...(options.consistent ? { ConsistentRead: true } : {}),
  });
}
