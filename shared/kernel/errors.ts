/**
 * Typed domain errors. Use cases throw these; exactly one place (the HTTP boundary
 * middleware in functions/http) maps them to HTTP status and problem+json.
 */
import type { MessageKey } from '../contract/i18n/keys';
import type { MessageValues } from '../contract/i18n/translate';
import type { Money } from '../contract/money';

/**
 * What is wrong with one field. `message` is English, as the business API documents it; `said`,
 * where set, is the problems catalog's message for it, which the customer API answers with in the
 * request's language (a money value is written the language's way there).
 */
export type FieldError = { field: string; message: string; said?: FieldSaying };
export type FieldSaying = { key: ProblemKey; values?: Record<string, string | number | Money> };

/** A message of the problems catalog (shared/contract/i18n/catalogs/<lang>/problems.json). */
export type ProblemKey = Extract<MessageKey, `problems.${string}`>;

export abstract class DomainError extends Error {
  abstract readonly kind: string;
  /**
   * The problems catalog's message that says what the (English) detail says: the customer API
   * answers with it in the request's language. Without one, the detail stays as written.
   */
  said?: { key: ProblemKey; values?: MessageValues };

  /** Names the catalog message for this detail: `new Gone('This link has expired…').saying('problems.link.expired')`. */
  saying(key: ProblemKey, values?: MessageValues): this {
    this.said = values ? { key, values } : { key };
    return this;
  }
}

/** Bad input: the request is answered 400 and nothing is written. */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid-input';
  constructor(readonly errors: FieldError[], detail?: string) {
    super(detail ?? 'The request has invalid fields.');
    if (detail === undefined) this.saying('problems.invalid-input');
  }
}

/** Missing, or belongs to someone else: never tell the two apart. */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(detail?: string) {
    super(detail ?? 'Not found.');
    if (detail === undefined) this.saying('problems.not-found');
  }
}

/** No valid session, or a sign-in link that cannot be used. */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
  /**
   * `endSession`: the browser's session cookie is dead (a failed session check), so the answer
   * clears it. A failed sign-in link leaves whatever session the browser has alone.
   */
  constructor(detail?: string, readonly endSession = false) {
    super(detail ?? 'Please sign in.');
    if (detail === undefined) this.saying('problems.sign-in');
  }
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  constructor(detail = 'Forbidden.') {
    super(detail);
  }
}

/** The quota that ran out, for the `RateLimit-Policy` and `RateLimit` headers (IETF draft-ietf-httpapi-ratelimit-headers). */
export interface RatePolicy {
  /** The policy's name, e.g. a business API budget (`requests`, `positions`). */
  name: string;
  /** Calls allowed per window. */
  quota: number;
  windowSeconds: number;
}

/** Where a caller stands in a quota after its call: what remains and for how long (the `RateLimit` header). */
export interface RateStanding {
  policy: RatePolicy;
  /** Calls left in the window after this one. */
  remaining: number;
  /** Seconds until the window ends and the quota is whole again (at least 1). */
  resetSeconds: number;
}

export class RateLimited extends DomainError {
  readonly kind = 'rate-limited';
  constructor(readonly retryAfterSeconds: number, detail: string, readonly policy: RatePolicy | null = null) {
    super(detail);
  }
}

export class PayloadTooLarge extends DomainError {
  readonly kind = 'payload-too-large';
  constructor(detail = 'The request body is too large.') {
    super(detail);
  }
}

export class UnsupportedMediaType extends DomainError {
  readonly kind = 'unsupported-media-type';
  constructor(detail = 'Send the body as application/json.') {
    super(detail);
  }
}

/** The request conflicts with the current state (a stale version, a taken slug or contact, a key reused while running). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
  /** `openSlots`: a slot was taken meanwhile; these are still open (the answer lists them as `slots`). */
  constructor(detail: string, readonly openSlots?: { id: string; start: string; end: string; overlapsVisit: boolean }[]) {
    super(detail);
  }
}

/** The same Idempotency-Key was sent with different parameters. */
export class IdempotencyKeyReused extends DomainError {
  readonly kind = 'idempotency-key-reused';
  constructor(detail?: string) {
    super(detail ?? 'This Idempotency-Key was already used with different parameters. Use a new key for a new request.');
    if (detail === undefined) this.saying('problems.idempotency.reused');
  }
}

/** Existed, but is no longer usable (expired, revoked, over). */
export class Gone extends DomainError {
  readonly kind = 'gone';
  constructor(detail: string) {
    super(detail);
  }
}
