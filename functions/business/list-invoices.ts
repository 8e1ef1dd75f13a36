import { businessSchemas } from '../../shared/api/business-contract';
import { listChanged } from '../../shared/data/cursors';
import { invoiceEntity } from '../../shared/invoices/entity';
import { toInvoiceRecord } from '../../shared/invoices/model';
import { businessInvoiceView } from '../../shared/invoices/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Invoices changed at or after `updatedSince` (a payment changes an invoice too), oldest change first. */
export const handler = httpRoute(routeByName('listBusinessInvoices'), { ...businessSchemas.listBusinessInvoices }, async ({ caller, query, deps }) => {
  const page = await listChanged(query, invoiceEntity.changesPartition(caller.businessId), (q) => deps.stores.invoices.listInvoicesChangedSince(caller.businessId, q));
  return { status: 200, body: { ...page, items: page.items.map((invoice) => businessInvoiceView(toInvoiceRecord(invoice))) } };
});
