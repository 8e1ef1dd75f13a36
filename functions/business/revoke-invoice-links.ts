import { businessInvoiceSchemas } from '../../shared/contract/business/invoices';
import { NotFound } from '../../shared/kernel/errors';
import { revokeObjectLinks } from '../../shared/links/object-links';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoObjectLinkStore } from '../../shared/links/store';

/** Withdraws every pay link sent for this invoice: each fails (404 or 410) on its next use. */
export const handler = httpRoute(businessRoute('revokeInvoiceLinks'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, invoices: DynamoInvoiceStore, links: DynamoObjectLinkStore }, ...businessInvoiceSchemas.revokeInvoiceLinks }, async ({ caller, path, deps }) => {
  if (!(await deps.stores.invoices.getInvoice(caller.businessId, path.invoiceId))) throw new NotFound(`There is no invoice ${path.invoiceId}.`);
  const revoked = await revokeObjectLinks('invoice', caller.businessId, path.invoiceId, { links: deps.stores.links });
  return { status: 200, body: { invoiceId: path.invoiceId, revoked } };
});
