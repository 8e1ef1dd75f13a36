import { businessEstimateSchemas } from '../../shared/contract/business/estimates';
import { businessEstimateView } from '../../shared/estimates/views';
import { changesQueryOf, listResponseOf } from '../../shared/business-api/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoEstimateStore } from '../../shared/estimates/store';

/** Estimates changed at or after `updatedSince` (a decision or a booking changes one too), oldest change first. */
export const handler = httpRoute(businessRoute('listBusinessEstimates'), { auth: apiKeyAuth, stores: { estimates: DynamoEstimateStore }, ...businessEstimateSchemas.listBusinessEstimates }, async ({ caller, query, deps }) => {
  const page = await deps.stores.estimates.listEstimatesChangedSince(caller.businessId, changesQueryOf(query));
  const now = deps.clock.now();
  return { status: 200, body: listResponseOf(page, (estimate) => businessEstimateView(estimate, now)) };
});
