import { businessInvoiceSchemas } from '../../shared/contract/business/invoices';
import { toInvoiceRecord } from '../../shared/invoices/model';
import { businessInvoiceView } from '../../shared/invoices/views';
import { changesQueryOf, listResponseOf } from '../../shared/business-api/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoInvoiceStore } from '../../shared/invoices/store';

/** Invoices changed at or after `updatedSince` (a payment changes an invoice too), oldest change first. */
export const handler = httpRoute(businessRoute('listBusinessInvoices'), { auth: apiKeyAuth, stores: { invoices: DynamoInvoiceStore }, ...businessInvoiceSchemas.listBusinessInvoices }, async ({ caller, query, deps }) => {
  const page = await deps.stores.invoices.listInvoicesChangedSince(caller.businessId, changesQueryOf(query));
  return { status: 200, body: listResponseOf(page, (invoice) => businessInvoiceView(toInvoiceRecord(invoice))) };
});
