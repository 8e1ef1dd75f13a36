/** Business API bookkeeping: API keys, idempotency records, webhook endpoints and the API budgets' counters. */
import * as v from 'valibot';
import type { ApiKeyRecord, IdempotencyRecord, WebhookEndpointRecord } from './model';
import type { ApiBudget } from '../contract/business/settings';
import { tableDefinition } from '../data/table';
import { bizPrefix, epochSeconds, nullableString, parseItem, type Item, type Key } from '../data/entity';

const StoredResponse = v.object({ status: v.number(), body: v.optional(v.unknown()), headers: v.optional(v.record(v.string(), v.string())) });

const IdempotencyItem = v.object({
  /** SHA-256 of method, route and body: the same key with other parameters is refused (422). */
  requestHash: v.string(),
  state: v.picklist(['running', 'done']),
  /** A `running` record whose holder crashed may be taken over after this. */
  lockedUntil: v.string(),
  response: v.optional(v.nullable(StoredResponse), null),
  createdAt: v.string(),
  expiresAt: v.string(),
  version: v.number(),
  updatedAt: v.string(),
});

export const idempotencyEntity = {
  type: 'idempotency',
  /** Scoped to the caller (a business, or a business's customer): one caller's keys never meet another's. */
  key: (businessId: string, scope: string, keyHash: string): Key => ({ pk: `${bizPrefix(businessId)}#IDEM#${scope}#${keyHash}`, sk: 'IDEM' }),
  toItem: (key: Key, r: IdempotencyRecord): Item => ({ ...key, type: idempotencyEntity.type, ...r, [tableDefinition.ttlAttribute]: epochSeconds(r.expiresAt) }),
  fromItem: (item: Item): IdempotencyRecord => parseItem(idempotencyEntity.type, IdempotencyItem, item),
};

const WebhookEndpointItem = v.object({
  id: v.string(),
  businessId: v.string(),
  url: v.string(),
  secret: v.string(),
  events: v.array(v.string()),
  createdAt: v.string(),
  // Endpoints stored before deliveries were tracked lack these: they are active.
  status: v.optional(v.picklist(['active', 'disabled']), 'active'),
  disabledReason: v.optional(nullableString, null),
  disabledAt: v.optional(nullableString, null),
  lastDeliveredAt: v.optional(nullableString, null),
  version: v.number(),
  updatedAt: nullableString,
});

/** In the business's own partition: listing them all is one Query (there are a handful). */
export const webhookEndpointEntity = {
  type: 'webhookEndpoint',
  prefix: 'WEBHOOK#',
  key: (businessId: string, endpointId: string): Key => ({ pk: bizPrefix(businessId), sk: `WEBHOOK#${endpointId}` }),
  toItem: (e: WebhookEndpointRecord): Item => ({ ...webhookEndpointEntity.key(e.businessId, e.id), type: webhookEndpointEntity.type, ...e, version: 1, updatedAt: e.createdAt }),
  fromItem: (item: Item): WebhookEndpointRecord => {
    const { version: _v, updatedAt: _u, ...endpoint } = parseItem(webhookEndpointEntity.type, WebhookEndpointItem, item);
    return endpoint;
  },
};

const ApiKeyItem = v.object({
  id: v.string(),
  businessId: v.string(),
  mode: v.picklist(['live', 'test']),
  name: v.string(),
  scopes: v.array(v.picklist(['read', 'write'])),
  secretHash: v.string(),
  createdAt: v.string(),
  lastUsedAt: nullableString,
  expiresAt: nullableString,
  revokedAt: nullableString,
});

const { changesIndex } = tableDefinition;

/** Looked up by its id on every business API call; listed per business through the changes index. */
export const apiKeyEntity = {
  type: 'apiKey',
  key: (keyId: string): Key => ({ pk: `APIKEY#${keyId}`, sk: 'APIKEY' }),
  listPartition: (businessId: string) => `${bizPrefix(businessId)}#APIKEYS`,
  toItem: (k: ApiKeyRecord): Item => ({
    ...apiKeyEntity.key(k.id),
    type: apiKeyEntity.type,
    ...k,
    version: 1,
    updatedAt: k.createdAt,
    [changesIndex.partitionKey]: apiKeyEntity.listPartition(k.businessId),
    [changesIndex.sortKey]: `${k.createdAt}#${k.id}`,
  }),
  fromItem: (item: Item): ApiKeyRecord => parseItem(apiKeyEntity.type, ApiKeyItem, item),
};

const ApiBudgetItem = v.object({
  /** ISO start of the window `rateCount` counts in. */
  rateWindow: v.optional(v.string()),
  rateCount: v.optional(v.pipe(v.number(), v.integer()), 0),
  /** The operator's limit for the budget (calls a minute); absent: the default. */
  rateLimit: v.optional(v.pipe(v.number(), v.integer())),
});

/**
 * A business's API budget (`requests` or `positions`): its counter and the operator's limit, on
 * one small item, so one conditional write counts a call against the limit that applies. A
 * partition of its own per budget: the positions counter is the hottest item a fleet writes.
 */
export const apiBudgetEntity = {
  type: 'apiBudget',
  key: (businessId: string, budget: ApiBudget): Key => ({ pk: `${bizPrefix(businessId)}#APIBUDGET#${budget}`, sk: 'APIBUDGET' }),
  fromItem: (item: Item): { window: string | null; count: number; limit: number | null } => {
    const usage = parseItem(apiBudgetEntity.type, ApiBudgetItem, item);
    return { window: usage.rateWindow ?? null, count: usage.rateCount, limit: usage.rateLimit ?? null };
  },
};
