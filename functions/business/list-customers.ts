import { businessSchemas } from '../../shared/api/business-contract';
import { listChanged } from '../../shared/data/cursors';
import { customerView } from '../../shared/business-api/views';
import { customerEntity } from '../../shared/directory/customer-entity';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Customers changed at or after `updatedSince`, oldest change first: what a sync needs. */
export const handler = httpRoute(routeByName('listCustomers'), { ...businessSchemas.listCustomers }, async ({ caller, query, deps }) => {
  const page = await listChanged(query, customerEntity.changesPartition(caller.businessId), (q) =>
    deps.stores.directory.listCustomersChangedSince(caller.businessId, q),
  );
  return { status: 200, body: { ...page, items: page.items.map(customerView) } };
});
