/**
 * Typed domain errors. Use cases throw these; exactly one place (the HTTP boundary
 * middleware in functions/http) maps them to HTTP status and problem+json.
 */
export type FieldError = { field: string; message: string };

export abstract class DomainError extends Error {
  abstract readonly kind: string;
}

/** Bad input: the request is answered 400 and nothing is written. */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid-input';
  constructor(readonly errors: FieldError[], detail = 'The request has invalid fields.') {
    super(detail);
  }
}

/** Missing, or belongs to someone else: never tell the two apart. */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(detail = 'Not found.') {
    super(detail);
  }
}

/** No valid session, or a sign-in link that cannot be used. */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
  /**
   * `endSession`: the browser's session cookie is dead (a failed session check), so the answer
   * clears it. A failed sign-in link leaves whatever session the browser has alone.
   */
  constructor(detail = 'Please sign in.', readonly endSession = false) {
    super(detail);
  }
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  constructor(detail = 'Forbidden.') {
    super(detail);
  }
}

export class RateLimited extends DomainError {
  readonly kind = 'rate-limited';
  constructor(readonly retryAfterSeconds: number, detail: string) {
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
  constructor(detail = 'This Idempotency-Key was already used with different parameters. Use a new key for a new request.') {
    super(detail);
  }
}

/** Existed, but is no longer usable (expired, revoked, over). */
export class Gone extends DomainError {
  readonly kind = 'gone';
  constructor(detail: string) {
    super(detail);
  }
}
