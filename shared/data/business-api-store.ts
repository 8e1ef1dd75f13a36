/** API keys, idempotency records and webhook endpoints. */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord, WebhookEndpointRecord } from '../domain/model';
import type { ApiKeyStore, IdempotencyRecord, IdempotencyStore, Key, WebhookEndpointStore } from '../domain/ports';
import { conditionalWrite } from './document-client';
import { apiKeyEntity } from './entities/auth';
import { idempotencyEntity, webhookEndpointEntity } from './entities/business-api';
import { bizPrefix } from './entity';
import { tableDefinition } from './table';

export class DynamoBusinessApiStore implements ApiKeyStore, IdempotencyStore, WebhookEndpointStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  // ---------- API keys ----------

  async putKey(key: ApiKeyRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: apiKeyEntity.toItem(key), ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async getKey(keyId: string): Promise<ApiKeyRecord | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: apiKeyEntity.key(keyId) }));
    return Item ? apiKeyEntity.fromItem(Item) : null;
  }

  async listKeys(businessId: string): Promise<ApiKeyRecord[]> {
    const { changesIndex } = tableDefinition;
    const keys: ApiKeyRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: changesIndex.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': changesIndex.partitionKey },
          ExpressionAttributeValues: { ':pk': apiKeyEntity.listPartition(businessId) },
          ExclusiveStartKey: start,
        }),
      );
      keys.push(...(out.Items ?? []).map(apiKeyEntity.fromItem));
      start = out.LastEvaluatedKey;
    } while (start);
    return keys;
  }

  async revokeKey(keyId: string, businessId: string, at: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: apiKeyEntity.key(keyId),
          UpdateExpression: 'SET revokedAt = :at, updatedAt = :at ADD version :one',
          ConditionExpression: 'businessId = :biz AND revokedAt = :null',
          ExpressionAttributeValues: { ':at': at, ':biz': businessId, ':null': null, ':one': 1 },
        }),
      ),
    );
  }

  async touchKey(keyId: string, lastUsedAt: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: apiKeyEntity.key(keyId),
          UpdateExpression: 'SET lastUsedAt = :at, updatedAt = :at ADD version :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': lastUsedAt, ':one': 1 },
        }),
      ),
    );
  }

  // ---------- idempotency ----------

  async begin(key: Key, record: IdempotencyRecord, now: string): Promise<{ started: true; record: IdempotencyRecord } | { started: false; existing: IdempotencyRecord }> {
    const claimed = await conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: idempotencyEntity.toItem(key, record),
          // Free when absent or past its 24 h (TTL deletes late).
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    );
    if (claimed) return { started: true, record };
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    if (!Item) return this.begin(key, record, now);
    const existing = idempotencyEntity.fromItem(Item);
    // A crashed or failed attempt of the same request: take it over, keeping its start time, so
    // what it minted (ids, timestamps) is minted the same again and nothing is doubled.
    if (existing.state === 'running' && existing.lockedUntil <= now && existing.requestHash === record.requestHash) {
      const tookOver = await conditionalWrite(() =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'SET lockedUntil = :lock, updatedAt = :now ADD version :one',
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':lock': record.lockedUntil, ':now': now, ':one': 1, ':version': existing.version },
          }),
        ),
      );
      if (tookOver) return { started: true, record: { ...existing, lockedUntil: record.lockedUntil, version: existing.version + 1 } };
    }
    return { started: false, existing };
  }

  async finish(key: Key, response: NonNullable<IdempotencyRecord['response']>, now: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET #state = :done, #response = :response, updatedAt = :now ADD version :one',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':response': response, ':now': now, ':one': 1 },
      }),
    );
  }

  async release(key: Key, now: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET lockedUntil = :now, updatedAt = :now ADD version :one',
          ConditionExpression: '#state = :running',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':now': now, ':one': 1, ':running': 'running' },
        }),
      ),
    );
  }

  // ---------- webhook endpoints ----------

  async putEndpoint(endpoint: WebhookEndpointRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: webhookEndpointEntity.toItem(endpoint), ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async listEndpoints(businessId: string): Promise<WebhookEndpointRecord[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': bizPrefix(businessId), ':prefix': webhookEndpointEntity.prefix },
      }),
    );
    return Items.map(webhookEndpointEntity.fromItem);
  }

  async deleteEndpoint(businessId: string, endpointId: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: webhookEndpointEntity.key(businessId, endpointId), ConditionExpression: 'attribute_exists(pk)' })),
    );
  }
}
