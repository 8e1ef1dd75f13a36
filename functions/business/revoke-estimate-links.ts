import { businessEstimateSchemas } from '../../shared/contract/business/estimates';
import { NotFound } from '../../shared/kernel/errors';
import { revokeObjectLinks } from '../../shared/links/object-links';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoObjectLinkStore } from '../../shared/links/store';

/** Withdraws every link sent for this estimate: each fails (410) on its next use; a signed-in customer still sees it. */
export const handler = httpRoute(businessRoute('revokeEstimateLinks'), { auth: apiKeyAuth, stores: { estimates: DynamoEstimateStore, idempotency: DynamoBusinessApiStore, links: DynamoObjectLinkStore }, ...businessEstimateSchemas.revokeEstimateLinks }, async ({ caller, path, deps }) => {
  if (!(await deps.stores.estimates.getEstimate(caller.businessId, path.estimateId))) throw new NotFound(`There is no estimate ${path.estimateId}.`);
  const revoked = await revokeObjectLinks('estimate', caller.businessId, path.estimateId, { links: deps.stores.links });
  return { status: 200, body: { estimateId: path.estimateId, revoked } };
});
