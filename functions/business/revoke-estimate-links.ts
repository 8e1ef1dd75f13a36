import { businessSchemas } from '../../shared/api/business-contract';
import { NotFound } from '../../shared/kernel/errors';
import { revokeObjectLinks } from '../../shared/links/object-links';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Withdraws every link sent for this estimate: each fails (410) on its next use; a signed-in customer still sees it. */
export const handler = httpRoute(routeByName('revokeEstimateLinks'), { ...businessSchemas.revokeEstimateLinks }, async ({ caller, path, deps }) => {
  if (!(await deps.stores.estimates.getEstimate(caller.businessId, path.estimateId))) throw new NotFound(`There is no estimate ${path.estimateId}.`);
  const revoked = await revokeObjectLinks('estimate', caller.businessId, path.estimateId, { links: deps.stores.links });
  return { status: 200, body: { estimateId: path.estimateId, revoked } };
});
