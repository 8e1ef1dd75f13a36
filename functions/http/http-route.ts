/**
 * Builds a route's Lambda handler from its row in shared/routes.ts. The row decides:
 * - `auth`: which resolver proves the caller (functions/http/auth.ts) and whether `Origin` is
 *   checked (every browser-facing write; not business API keys, which no browser holds);
 * - `access`: the `deps` the handler receives, typed and at run time (functions/wiring/deps.ts);
 * - `bodyLimitBytes` and `idempotent`.
 * A handler file is then just: schemas in, one use case, result out.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as v from 'valibot';
import type { Stores } from '../../infra/local/all-stores';
import type { PaymentGateway } from '../../shared/payments/port';
import type { Secrets } from '../../shared/config/secrets';
import { injectLambdaContext } from '../../shared/logging/logger';
import { defaultBodyLimitBytes, routeKey, type AuthKind, type Route } from '../../shared/routes';
import { depsCache, type AwsFactoriesSpec, type DepsFor } from '../wiring/deps';
import { authResolvers, type AuthOf } from './auth';
import { httpBoundary, type RouteResult } from './boundary';
import { clientIp, rateLimitSubject } from './client-ip';
import { readSessionCookie } from './cookies';
import { withIdempotency, type IdempotentAttempt } from './idempotency';
import { parseWith, readJsonBody, readRawBody, type AnySchema } from './input';
import { originCheck } from './origin-check';

type Out<S> = S extends AnySchema ? v.InferOutput<S> : undefined;

/** Auth kinds whose caller is a customer: their idempotency keys are theirs alone. */
const customerAuth = new Set<AuthKind>(['session', 'customer']);

export type RouteSpec<R extends Route, B, Q, P> = {
  /** A schema, or a function choosing one from the parsed body (for bodies with variants). */
  body?: B | ((body: unknown) => B);
  query?: Q;
  path?: P;
} & AwsFactoriesSpec<R['access']>;

export interface RouteInput<R extends Route, B, Q, P> {
  body: Out<B>;
  query: Out<Q>;
  path: Out<P>;
  /** Who is calling, as the row's auth kind proves it. */
  caller: AuthOf[R['auth']];
  deps: DepsFor<R['access']>;
  /** The browser's session cookie, if any (sign-in replaces it). */
  sessionId: string | null;
  /** The client's IP, for routes whose row grants the origin secret (else null). */
  clientIp: string | null;
  /** With an `Idempotency-Key`: the same on every attempt of this request (mint ids from it). */
  attempt: IdempotentAttempt | null;
  event: APIGatewayProxyEventV2;
}

export function httpRoute<R extends Route, B extends AnySchema | undefined = undefined, Q extends AnySchema | undefined = undefined, P extends AnySchema | undefined = undefined>(
  route: R,
  spec: RouteSpec<R, B, Q, P>,
  run: (input: RouteInput<R, B, Q, P>) => Promise<RouteResult>,
) {
  const depsOf = depsCache<R['access']>(route.access, (spec.aws ?? {}) as object, route.name);
  const access = route.access as { table?: string; secrets?: readonly string[] };
  const limit = 'bodyLimitBytes' in route && route.bodyLimitBytes ? route.bodyLimitBytes : defaultBodyLimitBytes;
  // Powertools first: every line of the invocation carries the request id and cold start.
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().use(injectLambdaContext()).use(httpBoundary());
  // Browser-facing rows only: API keys and Stripe's signed webhook come from servers, with no Origin.
  if (route.auth !== 'apiKey' && route.auth !== 'signature') handler.use(originCheck(() => depsOf().config.portalOrigin));

  return handler.handler(async (event) => {
    // Only non-public rows reach the table here (auth, idempotency), and shared/routes.test.ts
    // holds each of them to granting it; the secret is read only where the row grants it.
    const d = depsOf() as DepsFor<R['access']> & { stores: Stores; secrets?: Secrets; payments: PaymentGateway };
    // The origin secret (read once per cold start) and the caller's proof side by side: only a
    // link's rate counter needs the IP, and it waits for it there.
    const ipRead = access.secrets?.includes('originVerify') ? d.secrets!.originVerify().then((secret) => clientIp(event, d.config.clientIpHeader, secret)) : Promise.resolve(null);
    const subject = ipRead.then((ip) => (ip ? rateLimitSubject(ip) : null));
    // Both are awaited (below, or by the link resolver); these only keep a failure that loses the race from going unhandled.
    ipRead.catch(() => undefined);
    subject.catch(() => undefined);
    const caller = (await authResolvers[route.auth]({
      event,
      clientSubject: subject,
      stores: () => d.stores,
      payments: () => d.payments,
      rawBody: () => readRawBody(event, limit),
      clock: d.clock,
    })) as AuthOf[R['auth']];
    const ip = await ipRead;

    let body: unknown = undefined;
    let rawBody = '';
    if (spec.body) {
      const raw = readJsonBody(event, limit);
      rawBody = JSON.stringify(raw);
      const schema = typeof spec.body === 'function' ? (spec.body as (b: unknown) => B)(raw) : spec.body;
      body = parseWith(schema as AnySchema, raw, 'body');
    }
    const query = spec.query ? parseWith(spec.query, event.queryStringParameters ?? {}, 'query') : undefined;
    const path = spec.path ? parseWith(spec.path, event.pathParameters ?? {}, 'path') : undefined;
    const input = { body, query, path, caller, deps: d, sessionId: readSessionCookie(event), clientIp: ip, event, attempt: null } as RouteInput<R, B, Q, P>;

    const idempotencyKey = event.headers?.['idempotency-key'];
    let result: RouteResult;
    if ('idempotent' in route && route.idempotent && idempotencyKey !== undefined && caller) {
      const who = caller as unknown as { businessId: string; customerId?: string; keyId?: string };
      result = await withIdempotency(
        {
          key: idempotencyKey,
          businessId: who.businessId,
          // A business's keys are its own; a customer's are theirs alone.
          scope: customerAuth.has(route.auth) ? `customer:${who.customerId}` : 'business',
          fingerprint: `${routeKey(route)}\n${JSON.stringify(event.pathParameters ?? {})}\n${rawBody}`,
        },
        { idempotency: d.stores.idempotency, clock: d.clock },
        (attempt) => run({ ...input, attempt }),
      );
    } else {
      result = await run(input);
    }
    // The boundary's `after` turns this into the HTTP answer.
    return result as unknown as APIGatewayProxyStructuredResultV2;
  });
}
