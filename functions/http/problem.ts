/** The one place where domain errors become HTTP answers (RFC 9457 problem+json). */
import type { Problem } from '../../shared/api/contract';
import {
  Conflict,
  DomainError,
  Gone,
  IdempotencyKeyReused,
  Forbidden,
  InvalidInput,
  NotFound,
  PayloadTooLarge,
  RateLimited,
  Unauthenticated,
  UnsupportedMediaType,
} from '../../shared/kernel/errors';

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
}

const problem = (status: number, slug: string, title: string, detail: string, extra: Partial<Problem> = {}): Problem => ({
  type: `urn:field-service-portal:problem:${slug}`,
  title,
  status,
  detail,
  ...extra,
});

export function toProblem(error: unknown): ProblemResponse {
  if (!(error instanceof DomainError)) {
    return { problem: problem(500, 'internal', 'Something went wrong', 'Something went wrong on our side. Please try again in a moment.'), headers: {} };
  }
  if (error instanceof InvalidInput) return { problem: problem(400, 'invalid-input', 'Invalid request', error.message, { errors: error.errors }), headers: {} };
  if (error instanceof Unauthenticated) return { problem: problem(401, 'unauthenticated', 'Not signed in', error.message), headers: {} };
  if (error instanceof Forbidden) return { problem: problem(403, 'forbidden', 'Forbidden', error.message), headers: {} };
  if (error instanceof NotFound) return { problem: problem(404, 'not-found', 'Not found', error.message), headers: {} };
  if (error instanceof Conflict) return { problem: problem(409, 'conflict', 'Conflict', error.message, error.openSlots ? { slots: error.openSlots } : {}), headers: {} };
  if (error instanceof Gone) return { problem: problem(410, 'gone', 'Gone', error.message), headers: {} };
  if (error instanceof IdempotencyKeyReused) return { problem: problem(422, 'idempotency-key-reused', 'Idempotency key reused', error.message), headers: {} };
  if (error instanceof PayloadTooLarge) return { problem: problem(413, 'payload-too-large', 'Request too large', error.message), headers: {} };
  if (error instanceof UnsupportedMediaType) return { problem: problem(415, 'unsupported-media-type', 'Unsupported media type', error.message), headers: {} };
  if (error instanceof RateLimited) {
    return { problem: problem(429, 'rate-limited', 'Too many requests', error.message), headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  return { problem: problem(500, 'internal', 'Something went wrong', 'Something went wrong on our side. Please try again in a moment.'), headers: {} };
}
