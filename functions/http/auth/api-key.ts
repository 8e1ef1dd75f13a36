import { authenticateApiKey, KeyBusinesses } from '../../../shared/business-api/api-keys';
import { budgetOf } from '../../../shared/business-api/limits';
import { DynamoBusinessApiStore } from '../../../shared/business-api/store';
import { positionRouteNames } from '../../../shared/contract/business/settings';
import { businessRoutes } from '../../../shared/routes/business';
import { routeKey } from '../../../shared/routes/kinds';
import type { AuthResolver } from '../auth';
import { rateLimitHeaders } from '../rate-limit-headers';

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);

/** API Gateway's keys of the rows whose calls count in the `positions` budget; every other row counts in `requests`. */
export const positionRouteKeys: ReadonlySet<string> = new Set(businessRoutes.filter((r) => positionRouteNames.includes(r.name)).map(routeKey));

/**
 * A business's `Authorization: Bearer <key>`: reads need a read scope, anything else a write
 * scope; the call counts in its business's budget for the route (shared/business-api/limits.ts),
 * and its answer says what is left of that budget (RateLimit-Policy, RateLimit).
 */
export const apiKeyAuth: AuthResolver<'apiKey'> = {
  kind: 'apiKey',
  prepare: ({ storeOf, clock }) => {
    const store = storeOf(DynamoBusinessApiStore);
    // This function instance's memory of which business each key is: lets the key check and the count go side by side.
    const keyBusinesses = new KeyBusinesses();
    return async ({ event }) => {
      const needs = readOnly.has(event.requestContext.http.method.toUpperCase()) ? 'read' : 'write';
      return authenticateApiKey(event.headers?.authorization, needs, budgetOf(event.routeKey, positionRouteKeys), { apiKeys: store, budgets: store, clock, keyBusinesses });
    };
  },
  // What is left of the budget this call counted in, on every answer: a client paces itself before a 429.
  answerHeaders: (caller) => rateLimitHeaders(caller.standing),
};
