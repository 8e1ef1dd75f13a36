/** API keys, idempotency records and webhook endpoints. */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord, WebhookEndpointRecord, IdempotencyKey, IdempotencyRecord } from './model';
import type { ApiKeyStore, IdempotencyStore, KeyUse, KeyUseWindow, WebhookEndpointStore } from './port';
import { conditionalWrite, isConditionalCheckFailed, queryAllItems } from '../data/document-client';
import { apiKeyEntity, idempotencyEntity, webhookEndpointEntity } from './entity';
import { bizPrefix } from '../data/entity';
import { tableDefinition } from '../data/table';

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
    const items = await queryAllItems(this.doc, {
      TableName: this.tableName,
      IndexName: changesIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': changesIndex.partitionKey },
      ExpressionAttributeValues: { ':pk': apiKeyEntity.listPartition(businessId) },
    });
    return items.map(apiKeyEntity.fromItem);
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

  async recordKeyUse(keyId: string, secretHash: string, use: KeyUseWindow): Promise<KeyUse> {
    let window = use.windowStart;
    // Three tries: only a request racing another at a window's start goes round more than once.
    for (let attempt = 0; attempt < 3; attempt++) {
      // Nearly every request: the current window is started and has room. One write, which also
      // returns the key for the caller's checks.
      const counted = await this.updateKeyIfMatches(keyId, {
        UpdateExpression: 'SET lastUsedAt = :at ADD rateCount :one',
        ConditionExpression: 'secretHash = :hash AND rateWindow = :window AND rateCount < :limit',
        ExpressionAttributeValues: { ':at': use.at, ':one': 1, ':hash': secretHash, ':window': window, ':limit': use.limit },
      });
      if (counted) return { counted: true, key: counted };
      // The condition failed: see why (dynalite cannot return the item with the failure).
      const stored = await this.readKeyItem(keyId);
      if (!stored) return { counted: false, key: null };
      const key = apiKeyEntity.fromItem(stored);
      if (key.secretHash !== secretHash) return { counted: false, key };
      const usage = apiKeyEntity.usageOf(stored);
      if (usage.window === window) {
        if (usage.count >= use.limit) return { counted: false, key };
        continue;
      }
      if (usage.window && usage.window > window) {
        // Another instance's clock is a little ahead and started the next window: count in it.
        window = usage.window;
        continue;
      }
      // The first request of a new window starts it, unless a concurrent one just did.
      const started = await this.updateKeyIfMatches(keyId, {
        UpdateExpression: 'SET lastUsedAt = :at, rateWindow = :window, rateCount = :one',
        ConditionExpression: 'secretHash = :hash AND (attribute_not_exists(rateWindow) OR rateWindow < :window)',
        ExpressionAttributeValues: { ':at': use.at, ':one': 1, ':hash': secretHash, ':window': window },
      });
      if (started) return { counted: true, key: started };
    }
    const stored = await this.readKeyItem(keyId);
    return { counted: false, key: stored ? apiKeyEntity.fromItem(stored) : null };
  }

  private async readKeyItem(keyId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: apiKeyEntity.key(keyId), ConsistentRead: true }));
    return Item;
  }

  /** The key as written, or null when the condition did not hold. */
  private async updateKeyIfMatches(
    keyId: string,
    update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
  ): Promise<ApiKeyRecord | null> {
    let written: Record<string, unknown> | undefined;
    const ok = await conditionalWrite(async () => {
      const out = await this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: apiKeyEntity.key(keyId), ReturnValues: 'ALL_NEW', ...update }));
      written = out.Attributes;
    });
    return ok && written ? apiKeyEntity.fromItem(written) : null;
  }

  // ---------- idempotency ----------

  async begin(id: IdempotencyKey, record: IdempotencyRecord, now: string): Promise<{ started: true; record: IdempotencyRecord } | { started: false; existing: IdempotencyRecord }> {
    const key = idempotencyEntity.key(id.businessId, id.scope, id.keyHash);
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
    if (!Item) return this.begin(id, record, now);
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

  async finish(id: IdempotencyKey, response: NonNullable<IdempotencyRecord['response']>, now: string): Promise<void> {
    const key = idempotencyEntity.key(id.businessId, id.scope, id.keyHash);
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

  async release(id: IdempotencyKey, now: string): Promise<void> {
    const key = idempotencyEntity.key(id.businessId, id.scope, id.keyHash);
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

  async getEndpoint(businessId: string, endpointId: string): Promise<WebhookEndpointRecord | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: webhookEndpointEntity.key(businessId, endpointId), ConsistentRead: true }));
    return Item ? webhookEndpointEntity.fromItem(Item) : null;
  }

  async disableEndpoint(businessId: string, endpointId: string, change: { reason: string; at: string; failingSince: string }): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: webhookEndpointEntity.key(businessId, endpointId),
          UpdateExpression: 'SET #status = :disabled, disabledReason = :reason, disabledAt = :at, updatedAt = :at ADD version :one',
          // Stored before `status` existed means active; a delivery after `failingSince` means it works again.
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status = :active) AND (attribute_not_exists(lastDeliveredAt) OR lastDeliveredAt = :null OR lastDeliveredAt < :since)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':disabled': 'disabled', ':active': 'active', ':reason': change.reason, ':at': change.at, ':since': change.failingSince, ':null': null, ':one': 1 },
        }),
      ),
    );
  }

  async enableEndpoint(businessId: string, endpointId: string, at: string): Promise<WebhookEndpointRecord | null> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: webhookEndpointEntity.key(businessId, endpointId),
          UpdateExpression: 'SET #status = :active, disabledReason = :null, disabledAt = :null, updatedAt = :at ADD version :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':active': 'active', ':null': null, ':at': at, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? webhookEndpointEntity.fromItem(Attributes) : null;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
  }

  async noteDelivered(businessId: string, endpointId: string, at: string): Promise<void> {
    const minuteBefore = new Date(new Date(at).getTime() - 60_000).toISOString();
    // Not an edit of the endpoint: its `version` and `updatedAt` stay.
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: webhookEndpointEntity.key(businessId, endpointId),
          UpdateExpression: 'SET lastDeliveredAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastDeliveredAt) OR lastDeliveredAt = :null OR lastDeliveredAt < :minuteBefore)',
          ExpressionAttributeValues: { ':at': at, ':null': null, ':minuteBefore': minuteBefore },
        }),
      ),
    );
  }

  async claimDisabledNotice(businessId: string, endpointId: string, disabledAt: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: webhookEndpointEntity.key(businessId, endpointId),
          UpdateExpression: 'SET disabledNoticeFor = :disabledAt',
          ConditionExpression: 'disabledAt = :disabledAt AND (attribute_not_exists(disabledNoticeFor) OR disabledNoticeFor <> :disabledAt)',
          ExpressionAttributeValues: { ':disabledAt': disabledAt },
        }),
      ),
    );
  }

  async releaseDisabledNotice(businessId: string, endpointId: string, disabledAt: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: webhookEndpointEntity.key(businessId, endpointId),
          UpdateExpression: 'REMOVE disabledNoticeFor',
          ConditionExpression: 'disabledNoticeFor = :disabledAt',
          ExpressionAttributeValues: { ':disabledAt': disabledAt },
        }),
      ),
    );
  }

  async deleteEndpoint(businessId: string, endpointId: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: webhookEndpointEntity.key(businessId, endpointId), ConditionExpression: 'attribute_exists(pk)' })),
    );
  }
}
