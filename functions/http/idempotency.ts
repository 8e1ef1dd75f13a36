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
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { Conflict, DomainError, IdempotencyKeyReused, InvalidInput } from '../../shared/kernel/errors';
import type { Clock } from '../../shared/kernel/types';
import type { IdempotencyStore } from '../../shared/business-api/port';
import type { IdempotencyKey } from '../../shared/business-api/model';
import { routeKey, type AuthKind } from '../../shared/routes/kinds';
import type { Route } from '../../shared/routes';
import { routeState, type IdempotentAttempt } from './route-state';
import type { RouteResult } from './route-state';
import { toProblem } from './problem';

export const idempotencyPolicy = {
  keptMs: 24 * 60 * 60_000,
  /** Longer than any function's timeout: a running request is never taken over while alive. */
  lockMs: 60_000,
} as const;

const keyPattern = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  key: string;
  businessId: string;
  scope: string;
  fingerprint: string;
}

export interface IdempotencyDeps {
  idempotency: IdempotencyStore;
  clock: Clock;
}

/** A key this request holds: it runs as `attempt`, then records its answer or gives the key back. */
export interface HeldKey {
  key: IdempotencyKey;
  attempt: IdempotentAttempt;
}

/** Claims the request's key: the first time (or after a crashed holder) it is held; a repeat gets the first answer. */
export async function claimIdempotencyKey(request: IdempotentRequest, deps: IdempotencyDeps): Promise<{ held: HeldKey } | { replay: RouteResult }> {
  if (!keyPattern.test(request.key)) {
    throw new InvalidInput([{ field: 'header.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  const key: IdempotencyKey = { businessId: request.businessId, scope: request.scope, keyHash: sha(request.key) };
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
      throw new Conflict('A request with this Idempotency-Key is still being processed. Retry in a moment.').saying('problems.idempotency.running');
    }
    const { status, body, headers } = existing.response;
    return { replay: { status, body, headers: { ...headers, 'idempotent-replayed': 'true' } } };
  }
  return { held: { key, attempt: { seed: `${request.scope}\n${request.key}`, startedAt: begun.record.createdAt } } };
}

/** The request answered: its answer is kept for repeats. */
export async function recordAnswer(held: HeldKey, result: RouteResult, deps: IdempotencyDeps): Promise<void> {
  await deps.idempotency.finish(held.key, { status: result.status, ...(result.body !== undefined ? { body: result.body } : {}), ...(result.headers ? { headers: result.headers } : {}) }, deps.clock.now().toISOString());
}

/** The request failed: a refusal is an answer too (replayed, as Stripe does for errors after execution began); anything else gives the key back. */
export async function recordFailure(held: HeldKey, error: unknown, deps: IdempotencyDeps): Promise<void> {
  if (error instanceof DomainError) {
    const { problem, headers } = toProblem(error);
    await deps.idempotency.finish(held.key, { status: problem.status, body: problem, headers: { ...headers, 'content-type': 'application/problem+json' } }, deps.clock.now().toISOString());
  } else {
    await deps.idempotency.release(held.key, deps.clock.now().toISOString());
  }
}

/** Auth kinds whose caller is a customer: their idempotency keys are theirs alone. */
const customerKinds = new Set<AuthKind>(['session', 'customer']);

/**
 * Middleware, for rows marked `idempotent`: a request with an `Idempotency-Key` claims it before
 * the handler runs, and records the handler's answer (or failure) after. On a repeat the first
 * answer is kept in the route state, and stands in for running the handler (http-route.ts).
 */
export function idempotency(route: Route, deps: () => IdempotencyDeps): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const heldBy = new WeakMap<object, HeldKey>();
  return {
    before: async (request) => {
      const key = request.event.headers?.['idempotency-key'];
      const state = routeState(request.event);
      if (key === undefined || !state.caller) return;
      const who = state.caller as { businessId: string; customerId?: string };
      const claimed = await claimIdempotencyKey(
        {
          key,
          businessId: who.businessId,
          // A business's keys are its own; a customer's are theirs alone.
          scope: customerKinds.has(route.auth) ? `customer:${who.customerId}` : 'business',
          fingerprint: `${routeKey(route)}\n${JSON.stringify(request.event.pathParameters ?? {})}\n${state.json?.text ?? ''}`,
        },
        deps(),
      );
      if ('replay' in claimed) {
        state.replayed = claimed.replay;
        return;
      }
      heldBy.set(request, claimed.held);
      state.attempt = claimed.held.attempt;
    },
    after: async (request) => {
      const held = heldBy.get(request);
      if (!held) return;
      heldBy.delete(request); // a failure to record is not the handler's failure: the key stays held until it lapses
      await recordAnswer(held, request.response as unknown as RouteResult, deps());
    },
    onError: async (request) => {
      const held = heldBy.get(request);
      if (!held) return;
      heldBy.delete(request);
      try {
        await recordFailure(held, request.error, deps());
      } catch (error) {
        // The boundary (outermost) answers for this one instead.
        request.error = error as Error;
      }
    },
  };
}

const sha = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');
