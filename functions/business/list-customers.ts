import { businessCustomerSchemas } from '../../shared/contract/business/customers';
import { changesQueryOf, listResponseOf } from '../../shared/business-api/views';
import { customerView } from '../../shared/directory/customer-view';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** Customers changed at or after `updatedSince`, oldest change first: what a sync needs. */
export const handler = httpRoute(businessRoute('listCustomers'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore }, ...businessCustomerSchemas.listCustomers }, async ({ caller, query, deps }) => {
  const page = await deps.stores.directory.listCustomersChangedSince(caller.businessId, changesQueryOf(query));
  return { status: 200, body: listResponseOf(page, customerView) };
});
