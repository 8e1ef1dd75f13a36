import { customerEstimateSchemas } from '../../shared/contract/customer/estimates';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { openSlotsFor } from '../../shared/estimates/schedule';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** The business's open slots long enough for this visit, soonest first; only once approved (and the deposit paid). */
export const handler = httpRoute(routeByName('listEstimateSlots'), { ...customerEstimateSchemas.listEstimateSlots, aws: { secrets: secretsManager } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await openSlotsFor(caller, path.estimateId, { estimates: deps.stores.estimates, slots: deps.stores.slots, invoices: deps.stores.invoices, clock: deps.clock }),
}));
