import type { ObjectLink } from '../links/model';
import type { Session, SignInLink } from './model';
import type { PendingLink } from '../directory/model';

export type CapabilityLink = { kind: 'sign-in'; link: SignInLink } | { kind: 'object'; link: ObjectLink };

export interface SignInLinkStore {
  putLink(link: SignInLink): Promise<void>;
  deleteLink(tokenHash: string): Promise<void>;
  /** A sign-in link, or a link to an invoice or estimate, by its token's hash, read without using it (the link page naming its business). */
  findCapabilityLink(tokenHash: string): Promise<CapabilityLink | null>;
  /**
   * Swaps the customer's pending-link pointer from `expected` to `next`; false when someone else
   * swapped it first (a concurrent request), so the caller can retry.
   */
  swapPendingLink(businessId: string, customerId: string, expected: PendingLink | null, next: PendingLink): Promise<boolean>;
  /** Records that the pending link went out, so a redelivered request sends nothing twice. */
  markLinkSent(businessId: string, customerId: string, tokenHash: string, sentAt: string): Promise<void>;
  /** Atomically removes and returns the link: the one and only use of a token. */
  consumeLink(tokenHash: string): Promise<SignInLink | null>;
}

export interface SessionStore {
  /** Stores the session and its pointer in the customer's list (the pointer first). */
  putSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | null>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  /** Ends a session known only by its cookie (one planted before sign-in): its pointer, if any, then points at nothing and the list skips it. */
  deleteSession(idHash: string): Promise<void>;
  /** The customer's sessions that still exist (read consistently: one just started is among them), expired ones included. */
  listSessions(businessId: string, customerId: string): Promise<Session[]>;
  /** Ends the session and takes it off the customer's list (the session first: once it is gone, its cookie opens nothing). */
  revokeSession(session: Session): Promise<void>;
}

export interface RateLimitStore {
  /**
   * Counts one hit against `key` in the fixed window starting at `windowStart`;
   * false when the window already holds `limit` hits (the hit is not counted).
   */
  hit(key: string, windowStart: Date, windowSeconds: number, limit: number): Promise<boolean>;
  /** The hits counted against `key` in the window so far (0 when none). */
  count(key: string, windowStart: Date): Promise<number>;
}
