import type { ApiKeyRecord, WebhookDeliveryRecord, WebhookEndpointRecord, IdempotencyKey, IdempotencyRecord } from './model';

import type { StorePage } from '../kernel/types';
import type { ApiBudget } from '../contract/business/settings';

export interface ApiKeyStore {
  putKey(key: ApiKeyRecord): Promise<void>;
  getKey(keyId: string): Promise<ApiKeyRecord | null>;
  listKeys(businessId: string): Promise<ApiKeyRecord[]>;
  revokeKey(keyId: string, businessId: string, at: string): Promise<boolean>;
  /**
   * Sets `lastUsedAt` and returns the key, in one conditional write when the secret hash matches;
   * null when it does not (or no key has that id): a wrong secret writes nothing. Not an edit of
   * the key: its `version` and `updatedAt` stay.
   */
  recordKeyUse(keyId: string, secretHash: string, at: string): Promise<ApiKeyRecord | null>;
}

/**
 * A business's API budgets (shared/business-api/limits.ts): one counter per budget, in fixed
 * windows, which also holds the operator's limit for it, so counting needs nothing read first.
 */
export interface ApiBudgetStore {
  /**
   * Counts one call in the budget's current window when it has room, in one conditional write
   * (only a window's first call, or a full window, costs more). The room: the stored limit, else
   * `defaultLimit`, and never `ceiling` or more.
   */
  countCall(businessId: string, budget: ApiBudget, window: BudgetWindow): Promise<BudgetUse>;
  /** Takes back a call counted in `window` (one whose key was then refused); nothing once the window has moved on. */
  uncountCall(businessId: string, budget: ApiBudget, window: string): Promise<void>;
  /** The operator's limit per budget, null where none was set (the default applies). */
  readLimits(businessId: string): Promise<Record<ApiBudget, number | null>>;
  /** Sets the budget's limit (null: back to the default); the count of the current window stays. */
  setLimit(businessId: string, budget: ApiBudget, perMinute: number | null): Promise<void>;
}

export interface BudgetWindow {
  /** ISO start of the fixed window this call falls in. */
  windowStart: string;
  defaultLimit: number;
  ceiling: number;
}

/**
 * `counted`: the call was counted in `window` (the caller's, or a later one another instance
 * started). `count`: calls in that window after this one (when refused: as stored); `limit`: what
 * the window counts to.
 */
export interface BudgetUse {
  counted: boolean;
  window: string;
  count: number;
  limit: number;
}

export interface IdempotencyStore {
  /**
   * Claims the key: creates the record if absent or expired, or takes over an attempt of the same
   * request whose lock ran out (keeping its start time); otherwise returns the record stored.
   */
  begin(id: IdempotencyKey, record: IdempotencyRecord, now: string): Promise<{ started: true; record: IdempotencyRecord } | { started: false; existing: IdempotencyRecord }>;
  finish(id: IdempotencyKey, response: NonNullable<IdempotencyRecord['response']>, now: string): Promise<void>;
  /** Gives up the claim after a failure without an answer worth replaying (a 5xx): a retry takes it over at once. */
  release(id: IdempotencyKey, now: string): Promise<void>;
}

export interface WebhookEndpointStore {
  putEndpoint(endpoint: WebhookEndpointRecord): Promise<void>;
  listEndpoints(businessId: string): Promise<WebhookEndpointRecord[]>;
  deleteEndpoint(businessId: string, endpointId: string): Promise<boolean>;
  getEndpoint(businessId: string, endpointId: string): Promise<WebhookEndpointRecord | null>;
  /**
   * Disables an active endpoint unless a delivery got through after `failingSince`, in one
   * conditional write; false when it is already disabled, gone, or delivered to meanwhile.
   */
  disableEndpoint(businessId: string, endpointId: string, change: { reason: string; at: string; failingSince: string }): Promise<boolean>;
  /** Makes the endpoint active again; null when there is no such endpoint. */
  enableEndpoint(businessId: string, endpointId: string, at: string): Promise<WebhookEndpointRecord | null>;
  /** Sets `lastDeliveredAt` to `at` unless it was set less than a minute before (a busy endpoint costs one write a minute). */
  noteDelivered(businessId: string, endpointId: string, at: string): Promise<void>;
  /** Claims the email about the disabling at `disabledAt`; false when it went out already (a redelivered message) or the endpoint changed since. */
  claimDisabledNotice(businessId: string, endpointId: string, disabledAt: string): Promise<boolean>;
  /** Gives the claim back after a failed send, so the queue's retry can send. */
  releaseDisabledNotice(businessId: string, endpointId: string, disabledAt: string): Promise<void>;
}

/** Deliveries of events to one endpoint, newest first, each kept 30 days. */
export interface WebhookDeliveryStore {
  /** Writes the delivery if it is new; false when one with that id exists (a redelivered fan-out). */
  putDelivery(delivery: WebhookDeliveryRecord): Promise<boolean>;
  getDelivery(businessId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | null>;
  /** Records attempt number `attempts` and its result; an older attempt's result never overwrites a newer one's. */
  recordAttempt(
    businessId: string,
    endpointId: string,
    deliveryId: string,
    result: Pick<WebhookDeliveryRecord, 'status' | 'attempts' | 'lastAttemptAt' | 'lastResponseStatus' | 'lastError' | 'nextAttemptAt'>,
  ): Promise<void>;
  listDeliveries(businessId: string, endpointId: string, query: { limit: number; cursor: string | null }): Promise<StorePage<WebhookDeliveryRecord>>;
}

/**
 * Posts a signed webhook; resolves with the receiver's status. Rejects on network errors, when
 * `timeoutMs` passes (a TimeoutError or AbortError), and when the address connected to is not
 * one a webhook may reach (ForbiddenAddress, shared/net/connect-guard.ts).
 */
export interface WebhookTransport {
  post(url: string, body: string, headers: Record<string, string>, options?: { timeoutMs?: number }): Promise<{ status: number }>;
}
