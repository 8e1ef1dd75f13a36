import { businessSchemas } from '../../shared/api/business-contract';
import { getCustomer } from '../../shared/directory/customers';
import { customerView } from '../../shared/business-api/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('getCustomer'), { ...businessSchemas.getCustomer }, async ({ caller, path, deps }) => ({
  status: 200,
  body: customerView(await getCustomer(caller.businessId, path.customerId, { directory: deps.stores.directory })),
}));
