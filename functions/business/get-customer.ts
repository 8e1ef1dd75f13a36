import { businessCustomerSchemas } from '../../shared/contract/business/customers';
import { getCustomer } from '../../shared/directory/customers';
import { customerView } from '../../shared/directory/customer-view';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';

export const handler = httpRoute(businessRoute('getCustomer'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore }, ...businessCustomerSchemas.getCustomer }, async ({ caller, path, deps }) => ({
  status: 200,
  body: customerView(await getCustomer(caller.businessId, path.customerId, { directory: deps.stores.directory })),
}));
