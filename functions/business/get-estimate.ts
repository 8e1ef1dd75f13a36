import { businessEstimateSchemas } from '../../shared/contract/business/estimates';
import { NotFound } from '../../shared/kernel/errors';
import { businessEstimateView } from '../../shared/estimates/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoEstimateStore } from '../../shared/estimates/store';

export const handler = httpRoute(businessRoute('getBusinessEstimate'), { auth: apiKeyAuth, stores: { estimates: DynamoEstimateStore }, ...businessEstimateSchemas.getBusinessEstimate }, async ({ caller, path, deps }) => {
  const estimate = await deps.stores.estimates.getEstimate(caller.businessId, path.estimateId);
  if (!estimate) throw new NotFound(`There is no estimate ${path.estimateId}.`);
  return { status: 200, body: businessEstimateView(estimate, deps.clock.now()) };
});
