/**
 * Builds a route's Lambda handler: the middy chain (boundary → origin check), then input
 * validation and, for signed-in routes, the session, all before the route's own code runs.
 * A handler file is then just: schemas in, one use case, result out.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as v from 'valibot';
import { authenticate } from '../../shared/auth/sessions';
import type { Session } from '../../shared/domain/model';
import { runtime, type AdapterFactories, type Runtime } from '../runtime/runtime';
import { httpBoundary, type RouteResult } from './boundary';
import { clientIp } from './client-ip';
import { readSessionCookie } from './cookies';
import { parseWith, readJsonBody, type AnySchema } from './input';
import { originCheck } from './origin-check';

type Out<S> = S extends AnySchema ? v.InferOutput<S> : undefined;

export interface RouteSpec<B, Q, P> {
  auth: 'public' | 'session';
  /** A schema, or a function choosing one from the parsed body (for bodies with variants). */
  body?: B | ((body: unknown) => B);
  query?: Q;
  path?: P;
  /** The AWS adapters this function uses beyond the table (see AdapterFactories). */
  adapters?: AdapterFactories;
}

export interface RouteInput<B, Q, P, A extends 'public' | 'session'> {
  body: Out<B>;
  query: Out<Q>;
  path: Out<P>;
  session: A extends 'session' ? Session : null;
  sessionId: string | null;
  clientIp: string | null;
  runtime: Runtime;
  event: APIGatewayProxyEventV2;
}

export function httpRoute<A extends 'public' | 'session', B extends AnySchema | undefined = undefined, Q extends AnySchema | undefined = undefined, P extends AnySchema | undefined = undefined>(
  spec: RouteSpec<B, Q, P> & { auth: A },
  run: (input: RouteInput<B, Q, P, A>) => Promise<RouteResult>,
) {
  const adapters = spec.adapters ?? {};
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpBoundary())
    .use(originCheck(() => runtime(adapters).config.portalOrigin))
    .handler(async (event) => {
      const rt = runtime(adapters);
      const sessionId = readSessionCookie(event);
      const session = spec.auth === 'session' ? await authenticate(sessionId, { sessions: rt.auth, clock: rt.clock }) : null;

      let body: unknown = undefined;
      if (spec.body) {
        const raw = readJsonBody(event);
        const schema = typeof spec.body === 'function' ? spec.body(raw) : spec.body;
        body = parseWith(schema as AnySchema, raw, 'body');
      }
      const query = spec.query ? parseWith(spec.query, event.queryStringParameters ?? {}, 'query') : undefined;
      const path = spec.path ? parseWith(spec.path, event.pathParameters ?? {}, 'path') : undefined;

      const result = await run({
        body, query, path, sessionId, event, runtime: rt,
        session: session as RouteInput<B, Q, P, A>['session'],
        clientIp: clientIp(event, rt.config.clientIpHeader),
      } as RouteInput<B, Q, P, A>);
      // The boundary's `after` turns this into the HTTP answer.
      return result as unknown as APIGatewayProxyStructuredResultV2;
    });
  // Exposed so a test can hold each handler's adapters against its route's `access`.
  return Object.assign(handler, { adapters: Object.keys(adapters) as (keyof AdapterFactories)[] });
}
