import { businessSchemas } from '../../shared/api/business-contract';
import { listChanged } from '../../shared/data/cursors';
import { estimateEntity } from '../../shared/estimates/entity';
import { businessEstimateView } from '../../shared/estimates/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Estimates changed at or after `updatedSince` (a decision or a booking changes one too), oldest change first. */
export const handler = httpRoute(routeByName('listBusinessEstimates'), { ...businessSchemas.listBusinessEstimates }, async ({ caller, query, deps }) => {
  const page = await listChanged(query, estimateEntity.changesPartition(caller.businessId), (q) => deps.stores.estimates.listEstimatesChangedSince(caller.businessId, q));
  const now = deps.clock.now();
  return { status: 200, body: { ...page, items: page.items.map((estimate) => businessEstimateView(estimate, now)) } };
});
