import { businessSchemas } from '../../shared/api/business-contract';
import { upsertCustomer } from '../../shared/directory/customers';
import { customerView } from '../../shared/business-api/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Create or replace; 201 when created, 200 when replaced (or unchanged). */
export const handler = httpRoute(routeByName('putCustomer'), { ...businessSchemas.putCustomer }, async ({ caller, path, body, deps }) => {
  const { customer, created } = await upsertCustomer(caller.businessId, path.customerId, body, { directory: deps.stores.directory, clock: deps.clock });
  return { status: created ? 201 : 200, body: customerView(customer) };
});
