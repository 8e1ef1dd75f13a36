/**
 * `Idempotency-Key` on POST, with Stripe's semantics:
 * - same key, same request: the first answer is replayed (status, body, headers);
 * - same key, other parameters: 422;
 * - same key while the first request still runs: 409;
 * - keys are kept 24 hours.
 * One conditional PutItem claims the key (no transactions). A request that dies without an
 * answer (a 5xx) releases the key, and a crashed holder's claim lapses after a minute; the retry
 * that takes it over runs with the same `IdempotentAttempt`.
 */
import { createHash } from 'node:crypto';
import { Conflict, DomainError, IdempotencyKeyReused, InvalidInput } from '../../shared/kernel/errors';
import type { Clock } from '../../shared/kernel/types';
import type { IdempotencyStore } from '../../shared/business-api/port';
import { idempotencyEntity } from '../../shared/business-api/entity';
import type { RouteResult } from './boundary';
import { toProblem } from './problem';

export const idempotencyPolicy = {
  keptMs: 24 * 60 * 60_000,
  /** Longer than any function's timeout: a running request is never taken over while alive. */
  lockMs: 60_000,
} as const;

/**
 * Stable across every attempt of one idempotent request: use cases derive the ids and times
 * they mint from it, so a retry after a crash re-creates the very same records (which then
 * already exist) instead of new ones.
 */
export interface IdempotentAttempt {
  seed: string;
  startedAt: string;
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

export async function withIdempotency(
  request: { key: string; businessId: string; scope: string; fingerprint: string },
  deps: { idempotency: IdempotencyStore; clock: Clock },
  run: (attempt: IdempotentAttempt) => Promise<RouteResult>,
): Promise<RouteResult> {
  if (!keyPattern.test(request.key)) {
    throw new InvalidInput([{ field: 'header.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  const key = idempotencyEntity.key(request.businessId, request.scope, sha(request.key));
  const requestHash = sha(request.fingerprint);
  const now = deps.clock.now();
  const begun = await deps.idempotency.begin(
    key,
    {
      requestHash,
      state: 'running',
      lockedUntil: new Date(now.getTime() + idempotencyPolicy.lockMs).toISOString(),
      response: null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + idempotencyPolicy.keptMs).toISOString(),
      version: 1,
      updatedAt: now.toISOString(),
    },
    now.toISOString(),
  );
  if (!begun.started) {
    const { existing } = begun;
    if (existing.requestHash !== requestHash) throw new IdempotencyKeyReused();
    if (existing.state === 'running' || !existing.response) {
      throw new Conflict('A request with this Idempotency-Key is still being processed. Retry in a moment.');
    }
    const { status, body, headers } = existing.response;
    return { status, body, headers: { ...headers, 'idempotent-replayed': 'true' } };
  }

  let result: RouteResult;
  try {
    result = await run({ seed: `${request.scope}\n${request.key}`, startedAt: begun.record.createdAt });
  } catch (error) {
    if (error instanceof DomainError) {
      // A refusal is an answer: replay it too, as Stripe does for errors after execution began.
      const { problem, headers } = toProblem(error);
      await deps.idempotency.finish(key, { status: problem.status, body: problem, headers: { ...headers, 'content-type': 'application/problem+json' } }, deps.clock.now().toISOString());
    } else {
      await deps.idempotency.release(key, deps.clock.now().toISOString());
    }
    throw error;
  }
  await deps.idempotency.finish(key, { status: result.status, ...(result.body !== undefined ? { body: result.body } : {}), ...(result.headers ? { headers: result.headers } : {}) }, deps.clock.now().toISOString());
  return result;
}

const sha = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');
