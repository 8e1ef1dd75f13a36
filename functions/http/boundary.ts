/**
 * The outermost middy middleware: turns a route's result or error into the HTTP answer, adds
 * the security headers, and writes one log line per request. Registered first, so its onError
 * runs last: every error anywhere in the chain is mapped here, and only here.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { Unauthenticated } from '../../shared/kernel/errors';
import { securityHeaders } from '../../shared/http/security-headers';
import { describeError, logger } from '../../shared/logging/logger';
import { emitMetrics, metricNames } from '../../shared/logging/metrics';
import type { RouteGroup } from '../../shared/routes/kinds';
import { clearedSessionCookie } from './cookies';
import { toProblem } from './problem';
import { routeState, type RouteResult } from './route-state';
import { browserLanguageOf } from '../../shared/i18n/accept-language';

const apiHeaders = {
  ...securityHeaders,
  // JSON answers are never cached: they are per customer.
  'cache-control': 'no-store',
};

/** The APIs' OpenAPI documents are the exception: the same for everyone, and they change only with a deploy. */
export const apiDocumentCacheControl = 'public, max-age=3600';

export function toHttpResponse(result: RouteResult): APIGatewayProxyStructuredResultV2 {
  const hasBody = result.body !== undefined;
  return {
    statusCode: result.status,
    headers: { ...apiHeaders, ...(hasBody ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...result.headers },
    ...(hasBody ? { body: JSON.stringify(result.body) } : {}),
    ...(result.cookies?.length ? { cookies: result.cookies } : {}),
  };
}

type Request = { event: APIGatewayProxyEventV2; context: Context; response: unknown; error: unknown; internal: Record<string, unknown> };

/**
 * `localized`: the customer API's rows, whose problems come back in the request's
 * `Accept-Language` (the business API's stay English). `routeGroup`: the figures every answer
 * adds to (requests, server errors, latency: the stage's alarms watch them per group).
 */
export function httpBoundary(options: { localized?: boolean; routeGroup?: RouteGroup } = {}): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const logLine = (request: Request, status: number, extra: Record<string, unknown> = {}) => {
    const { routeKey, requestContext } = request.event;
    const ms = Date.now() - Number(request.internal.startedAt ?? Date.now());
    // Only the route key, never the raw path or query: those may carry ids a customer typed.
    logger[status >= 500 ? 'error' : 'info']('request', {
      route: routeKey,
      status,
      ms,
      requestId: requestContext?.requestId,
      ...extra,
    });
    if (options.routeGroup) {
      emitMetrics(
        [{ name: metricNames.requests, value: 1 }, { name: metricNames.serverErrors, value: status >= 500 ? 1 : 0 }, { name: metricNames.latency, value: ms, unit: 'Milliseconds' }],
        { routeGroup: options.routeGroup },
        { offLambda: 'skip' },
      );
    }
  };
  return {
    before: (request) => {
      (request as unknown as Request).internal.startedAt = Date.now();
    },
    after: (request) => {
      const result = request.response as unknown as RouteResult;
      // What the middlewares said every answer carries (the business API's budget), under the route's own.
      const response = toHttpResponse({ ...result, headers: { ...routeState(request.event).answerHeaders, ...result.headers } });
      request.response = response;
      logLine(request as unknown as Request, response.statusCode ?? 200);
    },
    onError: (request) => {
      const language = options.localized ? browserLanguageOf(request.event.headers?.['accept-language']) : undefined;
      const { problem, headers } = toProblem(request.error, language);
      request.response = {
        statusCode: problem.status,
        headers: { ...apiHeaders, ...routeState(request.event).answerHeaders, 'content-type': 'application/problem+json', ...headers },
        body: JSON.stringify(problem),
        // A failed session check also clears the browser's session cookie: it is dead anyway.
        // (A failed sign-in link does not: the session the browser already has stays as it is.)
        ...(request.error instanceof Unauthenticated && request.error.endSession ? { cookies: [clearedSessionCookie] } : {}),
      };
      logLine(request as unknown as Request, problem.status, problem.status >= 500 ? describeError(request.error) : { problem: problem.type });
    },
  };
}
