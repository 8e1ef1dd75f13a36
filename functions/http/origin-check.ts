/**
 * CSRF defence for cookie-authenticated APIs: a request that changes state must say it comes
 * from the portal's own origin. A missing Origin is refused too: every browser sends it on
 * POST, so only non-browser clients and very old browsers lack it.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Forbidden } from '../../shared/kernel/errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originCheck(allowedOrigin: () => string): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: (request) => {
      const method = request.event.requestContext.http.method.toUpperCase();
      if (safeMethods.has(method)) return;
      const origin = request.event.headers?.origin;
      if (!origin || origin !== allowedOrigin().replace(/\/+$/, '')) {
        throw new Forbidden('This request must come from the customer portal itself.').saying('problems.origin');
      }
    },
  };
}
