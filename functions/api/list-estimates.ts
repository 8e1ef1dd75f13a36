import { customerEstimateSchemas } from '../../shared/contract/customer/estimates';
import { listCustomerEstimates } from '../../shared/estimates/customer-estimates';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** The signed-in customer's open estimates (the default; soonest expiring first) or decided ones (newest decision first). */
export const handler = httpRoute(portalRoute('listEstimates'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, estimates: DynamoEstimateStore }, ...customerEstimateSchemas.listEstimates }, async ({ caller, query, deps }) => ({
  status: 200,
  body: await listCustomerEstimates(caller, query, { estimates: deps.stores.estimates, clock: deps.clock }),
}));
