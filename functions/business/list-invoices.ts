import { businessInvoiceSchemas } from '../../shared/contract/business/invoices';
import { toInvoiceRecord } from '../../shared/invoices/model';
import { businessInvoiceView } from '../../shared/invoices/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoInvoiceStore } from '../../shared/invoices/store';

/** Invoices changed at or after `updatedSince` (a payment changes an invoice too), oldest change first. */
export const handler = httpRoute(routeByName('listBusinessInvoices'), { auth: apiKeyAuth, stores: { invoices: DynamoInvoiceStore }, ...businessInvoiceSchemas.listBusinessInvoices }, async ({ caller, query, deps }) => {
  const page = await deps.stores.invoices.listInvoicesChangedSince(caller.businessId, { since: query.updatedSince ?? null, limit: query.limit, cursor: query.cursor ?? null });
  return { status: 200, body: { hasMore: page.nextCursor !== null, nextCursor: page.nextCursor, items: page.items.map((invoice) => businessInvoiceView(toInvoiceRecord(invoice))) } };
});
