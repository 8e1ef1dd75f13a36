

/**
 * The domain's own records, as the store hands them to use cases. The API shapes in
 * shared/api/contract.ts are views derived from these (attachment URLs are signed per request,
 * totals are computed), never stored.
 *
 * Every stored record carries `version` (starts at 1, +1 per write; read-modify-write paths use
 * it as a write condition) and `updatedAt`.
 */

export interface Money {
  /** Integer minor units (cents). */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
}

export interface Versioned {
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A point on the map, in degrees (WGS 84). */
export interface LatLng {
  lat: number;
  lng: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

import type { Key } from '../data/entity';

export interface Clock {
  now(): Date;
}

export interface Random {
  /** Cryptographically secure random bytes. */
  bytes(count: number): Buffer;
}

/** A page read from the store: the records and, when there may be more, the last key read. */
export interface StorePage<T, K = Key> {
  items: T[];
  lastKey: K | null;
}

export interface MessageQueue<M> {
  /** `delaySeconds` (≤ 900, SQS's limit) holds the message back before anyone may receive it. */
  send(message: M, options?: { delaySeconds?: number }): Promise<void>;
}
