import type { ApiKeyRecord, WebhookDeliveryRecord, WebhookEndpointRecord } from './model';
import type { IdempotencyRecord } from './model';
import type { Key } from '../data/entity';

import type { StorePage } from '../kernel/types';

export interface ApiKeyStore {
  putKey(key: ApiKeyRecord): Promise<void>;
  getKey(keyId: string): Promise<ApiKeyRecord | null>;
  listKeys(businessId: string): Promise<ApiKeyRecord[]>;
  revokeKey(keyId: string, businessId: string, at: string): Promise<boolean>;
  /**
   * Counts one request against the key's rate window and sets `lastUsedAt`, in one conditional
   * write when the secret hash matches and the window has room. Not an edit of the key: its
   * `version` and `updatedAt` stay.
   */
  recordKeyUse(keyId: string, secretHash: string, use: KeyUseWindow): Promise<KeyUse>;
}

export interface KeyUseWindow {
  at: string;
  /** ISO start of the fixed window this request falls in. */
  windowStart: string;
  /** Requests allowed per window. */
  limit: number;
}

/**
 * `counted`: the request was counted (and the hash matched). Otherwise `key` is what is stored
 * under the id (null when nothing is): either its hash differs or its window is full.
 */
export type KeyUse = { counted: true; key: ApiKeyRecord } | { counted: false; key: ApiKeyRecord | null };

export interface IdempotencyStore {
  /**
   * Claims the key: creates the record if absent or expired, or takes over an attempt of the same
   * request whose lock ran out (keeping its start time); otherwise returns the record stored.
   */
  begin(key: Key, record: IdempotencyRecord, now: string): Promise<{ started: true; record: IdempotencyRecord } | { started: false; existing: IdempotencyRecord }>;
  finish(key: Key, response: NonNullable<IdempotencyRecord['response']>, now: string): Promise<void>;
  /** Gives up the claim after a failure without an answer worth replaying (a 5xx): a retry takes it over at once. */
  release(key: Key, now: string): Promise<void>;
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
  listDeliveries(businessId: string, endpointId: string, query: { limit: number; after: string | null }): Promise<StorePage<WebhookDeliveryRecord, string>>;
}

/**
 * Posts a signed webhook; resolves with the receiver's status. Rejects on network errors, when
 * `timeoutMs` passes (a TimeoutError or AbortError), and when the address connected to is not
 * one a webhook may reach (ForbiddenAddress, shared/net/connect-guard.ts).
 */
export interface WebhookTransport {
  post(url: string, body: string, headers: Record<string, string>, options?: { timeoutMs?: number }): Promise<{ status: number }>;
}
