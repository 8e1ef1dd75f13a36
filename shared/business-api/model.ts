

export type ApiKeyMode = 'live' | 'test';

export type ApiKeyScope = 'read' | 'write';

export interface ApiKeyRecord {
  /** Public part of the key (`key_…`), also its DynamoDB key. */
  id: string;
  businessId: string;
  mode: ApiKeyMode;
  name: string;
  scopes: ApiKeyScope[];
  /** SHA-256 of the whole key string: the key itself is never stored. */
  secretHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface WebhookEndpointRecord {
  id: string;
  businessId: string;
  url: string;
  /** `whsec_…`: needed to sign, so stored (encrypted at rest); shown to the business once. */
  secret: string;
  events: string[];
  createdAt: string;
  /**
   * `disabled` after one delivery used its whole retry schedule (about three days) with nothing
   * delivered to the endpoint meanwhile; events are then not sent to it until the business
   * enables it again (`POST webhook-endpoints/{id}/enable`).
   */
  status: 'active' | 'disabled';
  disabledReason: string | null;
  disabledAt: string | null;
  /** The last delivery that got a 2xx (written at most once a minute). */
  lastDeliveredAt: string | null;
}

/** One event on its way to one endpoint: its attempts so far, for the business to see and re-send. */
export interface WebhookDeliveryRecord {
  /** `whd_…`, time-ordered: the list is newest first by key. */
  id: string;
  businessId: string;
  endpointId: string;
  /** The event as it is sent (kept so a re-send posts the same payload and `webhook-id`). */
  event: { id: string; type: string; createdAt: string; businessId: string; data: Record<string, unknown> };
  /** `pending` while attempts remain, `delivered` on a 2xx, `failed` once the schedule ran out (or the endpoint went away). */
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status on the last attempt, or null when none came (timeout, refused address, network). */
  lastResponseStatus: number | null;
  /** Why the last attempt failed: `timeout`, `refused-address`, `unreachable`, `http-<status>`. */
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}
