import { businessSchemas } from '../../shared/api/business-contract';
import { upsertInvoice } from '../../shared/invoices/write-invoice';
import { businessInvoiceView } from '../../shared/invoices/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Create or replace an invoice's lines; what was paid on it stays (409 if the new total is below it). */
export const handler = httpRoute(routeByName('putInvoice'), { ...businessSchemas.putInvoice }, async ({ caller, path, body, deps }) => {
  const { invoice, created } = await upsertInvoice(caller.businessId, path.invoiceId, body, {
    invoices: deps.stores.invoices,
    jobDocuments: deps.stores.jobDocuments,
    directory: deps.stores.directory,
    jobs: deps.stores.jobs,
    clock: deps.clock,
  });
  return { status: created ? 201 : 200, body: businessInvoiceView(invoice) };
});
