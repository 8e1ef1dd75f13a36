import { businessSchemas } from '../../shared/api/business-contract';
import { NotFound } from '../../shared/kernel/errors';
import { businessEstimateView } from '../../shared/estimates/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('getBusinessEstimate'), { ...businessSchemas.getBusinessEstimate }, async ({ caller, path, deps }) => {
  const estimate = await deps.stores.estimates.getEstimate(caller.businessId, path.estimateId);
  if (!estimate) throw new NotFound(`There is no estimate ${path.estimateId}.`);
  return { status: 200, body: businessEstimateView(estimate, deps.clock.now()) };
});
