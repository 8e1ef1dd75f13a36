import { businessCustomerSchemas } from '../../shared/contract/business/customers';
import { customerView } from '../../shared/business-api/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** Customers changed at or after `updatedSince`, oldest change first: what a sync needs. */
export const handler = httpRoute(routeByName('listCustomers'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore }, ...businessCustomerSchemas.listCustomers }, async ({ caller, query, deps }) => {
  const page = await deps.stores.directory.listCustomersChangedSince(caller.businessId, { since: query.updatedSince ?? null, limit: query.limit, cursor: query.cursor ?? null });
  return { status: 200, body: { hasMore: page.nextCursor !== null, nextCursor: page.nextCursor, items: page.items.map(customerView) } };
});
