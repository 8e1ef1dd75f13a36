import { businessInvoiceSchemas } from '../../shared/contract/business/invoices';
import { stepDepsFrom } from '../../shared/steps/deps';
import { upsertInvoice } from '../../shared/invoices/write-invoice';
import { businessInvoiceView } from '../../shared/invoices/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { stepStores } from '../wiring/step-stores';

/** Create or replace an invoice's lines; what was paid on it stays (409 if the new total is below it). */
export const handler = httpRoute(businessRoute('putInvoice'), { auth: apiKeyAuth, stores: stepStores, ...businessInvoiceSchemas.putInvoice }, async ({ caller, path, body, deps }) => {
  const { invoice, created } = await upsertInvoice(caller.businessId, path.invoiceId, body, stepDepsFrom(deps.stores, deps.clock));
  return { status: created ? 201 : 200, body: businessInvoiceView(invoice) };
});
