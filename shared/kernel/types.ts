/**
 * What every capability uses: the clock and randomness ports, paging, and what every stored
 * record carries (`version` starts at 1, +1 per write; read-modify-write paths use it as a
 * write condition).
 */

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

export interface Clock {
  now(): Date;
}

export interface Random {
  /** Cryptographically secure random bytes. */
  bytes(count: number): Buffer;
}

/**
 * A page read from a store: the records and, when there are more, the cursor of the next page.
 * The cursor is the store's own, opaque to everyone else: the store checks it when it comes back
 * (its shape, the caller's own partition, the same list), so no use case sees a table key.
 */
export interface StorePage<T> {
  items: T[];
  nextCursor: string | null;
}

/** A "changed since" read: records changed at or after `since`, oldest change first. */
export interface ChangesQuery {
  since: string | null;
  limit: number;
  cursor: string | null;
}

export interface MessageQueue<M> {
  /** `delaySeconds` (≤ 900, SQS's limit) holds the message back before anyone may receive it. */
  send(message: M, options?: { delaySeconds?: number }): Promise<void>;
}
