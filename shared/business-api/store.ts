/** API keys and their businesses' budgets, idempotency records and webhook endpoints. */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord, WebhookEndpointRecord, IdempotencyKey, IdempotencyRecord } from './model';
import type { ApiBudgetStore, ApiKeyStore, BudgetUse, BudgetWindow, IdempotencyStore, WebhookEndpointStore } from './port';
import type { ApiBudget } from '../contract/business/settings';
import { conditionalWrite, isConditionalCheckFailed, queryAllItems } from '../data/document-client';
import { apiBudgetEntity, apiKeyEntity, idempotencyEntity, webhookEndpointEntity } from './entity';
import { bizPrefix } from '../data/entity';
import { tableDefinition } from '../data/table';

export class DynamoBusinessApiStore implements ApiKeyStore, ApiBudgetStore, IdempotencyStore, WebhookEndpointStore {
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

  async recordKeyUse(keyId: string, secretHash: string, at: string): Promise<ApiKeyRecord | null> {
    let written: Record<string, unknown> | undefined;
    const ok = await conditionalWrite(async () => {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: apiKeyEntity.key(keyId),
          UpdateExpression: 'SET lastUsedAt = :at',
          // A wrong secret (or no key with that id) writes nothing.
          ConditionExpression: 'secretHash = :hash',
          ExpressionAttributeValues: { ':at': at, ':hash': secretHash },
          ReturnValues: 'ALL_NEW',
        }),
      );
      written = out.Attributes;
    });
    return ok && written ? apiKeyEntity.fromItem(written) : null;
  }

  // ---------- API budgets ----------

  async countCall(businessId: string, budget: ApiBudget, use: BudgetWindow): Promise<BudgetUse> {
    const key = apiBudgetEntity.key(businessId, budget);
    const limitOf = (stored: number | null) => Math.min(stored ?? use.defaultLimit, use.ceiling);
    let window = use.windowStart;
    // Three tries: only a call racing another at a window's start goes round more than once.
    for (let attempt = 0; attempt < 3; attempt++) {
      // Nearly every call: the window is started and has room under the stored limit (else the
      // default), and under the ceiling whatever is stored. One write.
      const counted = await this.updateBudget(key, {
        UpdateExpression: 'ADD rateCount :one',
        ConditionExpression: 'rateWindow = :window AND rateCount < :ceiling AND (rateCount < rateLimit OR (attribute_not_exists(rateLimit) AND rateCount < :default))',
        ExpressionAttributeValues: { ':one': 1, ':window': window, ':ceiling': use.ceiling, ':default': use.defaultLimit },
      });
      if (counted) return { counted: true, window, count: counted.count, limit: limitOf(counted.limit) };
      // The condition failed: see why (dynalite cannot return the item with the failure).
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      const stored = Item ? apiBudgetEntity.fromItem(Item) : { window: null, count: 0, limit: null };
      if (stored.window === window) {
        if (stored.count >= limitOf(stored.limit)) return { counted: false, window, count: stored.count, limit: limitOf(stored.limit) };
        continue;
      }
      if (stored.window && stored.window > window) {
        // Another instance's clock is a little ahead and started the next window: count in it.
        window = stored.window;
        continue;
      }
      // The first call of a new window starts it (the limit is at least 1), unless a concurrent one just did.
      const started = await this.updateBudget(key, {
        UpdateExpression: 'SET #type = :type, rateWindow = :window, rateCount = :one',
        ConditionExpression: 'attribute_not_exists(rateWindow) OR rateWindow < :window',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': apiBudgetEntity.type, ':one': 1, ':window': window },
      });
      if (started) return { counted: true, window, count: started.count, limit: limitOf(started.limit) };
    }
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const stored = Item ? apiBudgetEntity.fromItem(Item) : { window: null, count: 0, limit: null };
    return { counted: false, window, count: stored.count, limit: limitOf(stored.limit) };
  }

  async uncountCall(businessId: string, budget: ApiBudget, window: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: apiBudgetEntity.key(businessId, budget),
          UpdateExpression: 'ADD rateCount :minusOne',
          ConditionExpression: 'rateWindow = :window AND rateCount > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':window': window, ':zero': 0 },
        }),
      ),
    );
  }

  async readLimits(businessId: string): Promise<Record<ApiBudget, number | null>> {
    const read = (budget: ApiBudget) =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: apiBudgetEntity.key(businessId, budget), ProjectionExpression: 'rateLimit' })).then(({ Item }) => (Item?.rateLimit as number | undefined) ?? null);
    const [requests, positions] = await Promise.all([read('requests'), read('positions')]);
    return { requests, positions };
  }

  async setLimit(businessId: string, budget: ApiBudget, perMinute: number | null): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: apiBudgetEntity.key(businessId, budget),
        ...(perMinute === null
          ? { UpdateExpression: 'SET #type = :type REMOVE rateLimit', ExpressionAttributeValues: { ':type': apiBudgetEntity.type } }
          : { UpdateExpression: 'SET #type = :type, rateLimit = :limit', ExpressionAttributeValues: { ':type': apiBudgetEntity.type, ':limit': perMinute } }),
        ExpressionAttributeNames: { '#type': 'type' },
      }),
    );
  }

  /** The budget's counter as written, or null when the condition did not hold. */
  private async updateBudget(
    key: Record<string, unknown>,
    update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown>; ExpressionAttributeNames?: Record<string, string> },
  ): Promise<{ count: number; limit: number | null } | null> {
    let written: Record<string, unknown> | undefined;
    const ok = await conditionalWrite(async () => {
      const out = await this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: key, ReturnValues: 'ALL_NEW', ...update }));
      written = out.Attributes;
    });
    return ok && written ? apiBudgetEntity.fromItem(written) : null;
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
