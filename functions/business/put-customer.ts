import { businessCustomerSchemas } from '../../shared/contract/business/customers';
import { upsertCustomer } from '../../shared/directory/customers';
import { customerView } from '../../shared/directory/customer-view';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** Create or replace; 201 when created, 200 when replaced (or unchanged). */
export const handler = httpRoute(businessRoute('putCustomer'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore }, ...businessCustomerSchemas.putCustomer }, async ({ caller, path, body, deps }) => {
  const { customer, created } = await upsertCustomer(caller.businessId, path.customerId, body, { directory: deps.stores.directory, clock: deps.clock });
  return { status: created ? 201 : 200, body: customerView(customer) };
});
