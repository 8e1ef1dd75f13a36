/**
 * Builds a route's handler from its row in shared/routes/ and the handler's spec. The row
 * decides:
 * - `auth`: which resolver the spec must name (functions/http/auth/*; a mismatch fails to compile
 *   and throws when the module loads), and whether `Origin` is checked (every browser-facing row;
 *   not business API keys or Stripe's webhook, which no browser holds);
 * - `access`: the `deps` the handler receives, typed and at run time (functions/wiring/deps.ts),
 *   with `deps.stores` holding exactly the stores the spec names;
 * - `bodyLimitBytes` and `idempotent`.
 * The chain below is the whole request path, one small middy middleware a step. A handler file is
 * then just: schemas in, one use case, result out.
 *
 * What it returns is Lambda's handler, built from Lambda's environment on the first invocation;
 * `handler.handlerWith(source)` builds the same over another composition root (functions/wiring/lambda.ts).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as v from 'valibot';
import type { IdempotencyStore } from '../../shared/business-api/port';
import type { PaymentGateway } from '../../shared/payments/port';
import type { Secrets } from '../../shared/config/secrets';
import { injectLambdaContext } from '../../shared/logging/logger';
import { traceInvocation } from '../../shared/logging/tracing';
import { defaultBodyLimitBytes, routeGroupOf } from '../../shared/routes/kinds';
import type { Route } from '../../shared/routes';
import { grantedDeps, type AdapterSource, type Granted, type AwsFactoriesSpec, type DepsFor, type StoresSpec } from '../wiring/deps';
import { deployable, type Deployable } from '../wiring/lambda';
import type { StoreFactories, StoreFactory } from '../wiring/stores';
import type { AuthOf, AuthResolver } from './auth';
import { authenticate } from './authenticate';
import { httpBoundary } from './boundary';
import { viewerIp } from './client-ip';
import { readSessionCookie } from './cookies';
import { idempotency } from './idempotency';
import { jsonBody, validation, type AnySchema, type InputSchemas } from './input';
import { originCheck } from './origin-check';
import { routeState, type IdempotentAttempt, type RouteResult } from './route-state';
import { sectionGate } from './section-gate';
import type { DirectoryStore } from '../../shared/directory/port';

type Out<S> = S extends AnySchema ? v.InferOutput<S> : undefined;

/** An idempotent row's handler names the store that keeps its keys, as `stores.idempotency`. */
type IdempotencySpec<R extends Route> = R extends { idempotent: true } ? { stores: { idempotency: StoreFactory<IdempotencyStore> } } : unknown;
/** A row of a portal section: its handler names the directory store the section gate reads the business with. */
type SectionSpec<R extends Route> = R extends { section: string } ? { stores: { directory: StoreFactory<DirectoryStore> } } : unknown;

export type RouteSpec<R extends Route, B, Q, P, S extends StoreFactories> = {
  /** The resolver of the row's auth kind (functions/http/auth/*). */
  auth: AuthResolver<R['auth']>;
  /** A schema, or a function choosing one from the parsed body (for bodies with variants). */
  body?: B | ((body: unknown) => B);
  query?: Q;
  path?: P;
} & StoresSpec<R['access'], S> &
  IdempotencySpec<R> &
  SectionSpec<R> &
  AwsFactoriesSpec<R['access']>;

export interface RouteInput<R extends Route, B, Q, P, S extends StoreFactories> {
  body: Out<B>;
  query: Out<Q>;
  path: Out<P>;
  /** Who is calling, as the row's auth kind proves it. */
  caller: AuthOf[R['auth']];
  deps: DepsFor<R['access'], S>;
  /** The browser's session cookie, if any (sign-in replaces it). */
  sessionId: string | null;
  /** The client's IP, for routes whose row grants the origin secret (else null). */
  clientIp: string | null;
  /** With an `Idempotency-Key`: the same on every attempt of this request (mint ids from it). */
  attempt: IdempotentAttempt | null;
  event: APIGatewayProxyEventV2;
}

export type RouteHandler = Deployable<(event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>>;

export function httpRoute<
  R extends Route,
  B extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  P extends AnySchema | undefined = undefined,
  S extends StoreFactories = {},
>(route: R, spec: RouteSpec<R, B, Q, P, S>, run: (input: RouteInput<R, B, Q, P, S>) => Promise<RouteResult>): RouteHandler {
  // The types already tie the resolver to the row; this catches a cast past them, at module load.
  if (spec.auth.kind !== route.auth) throw new Error(`${route.name}: its row's auth is "${route.auth}", its handler names the "${spec.auth.kind}" resolver.`);
  const access = route.access as { secrets?: readonly string[] };
  const limit = 'bodyLimitBytes' in route && route.bodyLimitBytes ? route.bodyLimitBytes : defaultBodyLimitBytes;
  const stores = (spec as { stores?: S }).stores;

  const build = (source: AdapterSource) => {
    // Typed from the row for the handler; here, where the row's grants decide what is used, as the widest.
    const deps = grantedDeps(route.access, source, route.name, stores) as unknown as Granted<R['access'], S> & { secrets: Secrets; payments: PaymentGateway; stores: { idempotency: IdempotencyStore } };
    const ipAware = access.secrets?.includes('originVerify') ?? false;
    // Browser-facing rows only: API keys and Stripe's signed webhook come from servers, with no Origin.
    const fromBrowsers = route.auth !== 'apiKey' && route.auth !== 'signature';
    const idempotent = 'idempotent' in route && route.idempotent === true;
    const section = 'section' in route ? route.section : undefined;
    // The request path, in order. Errors anywhere end in the boundary's problem+json (it is outermost).
    const middlewares = [
      // Powertools first: every line of the invocation carries the request id and cold start.
      injectLambdaContext(),
      // The invocation's X-Ray subsegment (on Lambda): around the whole request, the boundary's answer included.
      traceInvocation(),
      // The portal's calls answer problems in the customer's language; servers' calls in English.
      httpBoundary({ localized: fromBrowsers, routeGroup: routeGroupOf(route) }),
      fromBrowsers && originCheck(() => deps.config.portalOrigin),
      // Only rows that grant the origin secret learn the viewer's IP (the secret is read once per cold start).
      ipAware && viewerIp({ secrets: () => deps.secrets, trustedHeader: () => deps.config.clientIpHeader }),
      authenticate(spec.auth, { clock: deps.clock, storeOf: deps.storeOf, payments: () => deps.payments }, limit),
      // After the caller is known, before anything of the request is read or written.
      section !== undefined && sectionGate(section, route.method !== 'GET', () => (deps.stores as unknown as { directory: DirectoryStore }).directory),
      spec.body !== undefined && jsonBody(limit),
      validation(spec as InputSchemas),
      idempotent && idempotency(route, () => ({ idempotency: deps.stores.idempotency, clock: deps.clock })),
    ].filter((m): m is Exclude<typeof m, false> => m !== false);
    const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().use(middlewares);

    return chain.handler(async (event) => {
      const state = routeState(event);
      // A repeated idempotent request gets its first answer instead of running again.
      if (state.replayed) return state.replayed as unknown as APIGatewayProxyStructuredResultV2;
      const { body, query, path, caller, clientIp, attempt } = state;
      const input = { body, query, path, caller, deps, sessionId: readSessionCookie(event), clientIp, attempt, event } as RouteInput<R, B, Q, P, S>;
      // The boundary's `after` turns this into the HTTP answer.
      return (await run(input)) as unknown as APIGatewayProxyStructuredResultV2;
    });
  };
  return deployable(build, (spec.aws ?? {}) as object);
}
