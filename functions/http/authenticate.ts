/**
 * Middleware: the row's auth resolver proves the caller (functions/http/auth/*), or the request
 * ends in its 401/403/404. The resolver's checks are built on the first request. Headers the
 * resolver has for the caller's answers go on whatever the request then answers (the boundary).
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AuthKind } from '../../shared/routes/kinds';
import type { AuthDeps, AuthOf, AuthRequest, AuthResolver } from './auth';
import { rateLimitSubject } from './client-ip';
import { readRawBody } from './input';
import { routeState } from './route-state';

export function authenticate<K extends AuthKind>(resolver: AuthResolver<K>, deps: AuthDeps, bodyLimitBytes: number): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  let resolve: ((request: AuthRequest) => Promise<AuthOf[K]>) | undefined;
  return {
    before: async (request) => {
      resolve ??= resolver.prepare(deps);
      const state = routeState(request.event);
      const clientSubject = state.clientIpRead.then((ip) => (ip ? rateLimitSubject(ip) : null));
      // Awaited by a link resolver, or not at all: this only keeps its failure from going unhandled.
      clientSubject.catch(() => undefined);
      const { event } = request;
      const caller = await resolve({ event, clientSubject, rawBody: () => readRawBody(event, bodyLimitBytes) });
      state.caller = caller;
      if (resolver.answerHeaders) state.answerHeaders = resolver.answerHeaders(caller);
      // The IP was read side by side with the proof; a failure to read it surfaces here, after the proof's own.
      state.clientIp = await state.clientIpRead;
    },
  };
}
