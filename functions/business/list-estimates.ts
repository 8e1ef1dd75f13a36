import { businessEstimateSchemas } from '../../shared/contract/business/estimates';
import { businessEstimateView } from '../../shared/estimates/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoEstimateStore } from '../../shared/estimates/store';

/** Estimates changed at or after `updatedSince` (a decision or a booking changes one too), oldest change first. */
export const handler = httpRoute(routeByName('listBusinessEstimates'), { auth: apiKeyAuth, stores: { estimates: DynamoEstimateStore }, ...businessEstimateSchemas.listBusinessEstimates }, async ({ caller, query, deps }) => {
  const page = await deps.stores.estimates.listEstimatesChangedSince(caller.businessId, { since: query.updatedSince ?? null, limit: query.limit, cursor: query.cursor ?? null });
  const now = deps.clock.now();
  return { status: 200, body: { hasMore: page.nextCursor !== null, nextCursor: page.nextCursor, items: page.items.map((estimate) => businessEstimateView(estimate, now)) } };
});
