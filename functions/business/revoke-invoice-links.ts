import { businessSchemas } from '../../shared/api/business-contract';
import { NotFound } from '../../shared/domain/errors';
import { revokePayLinks } from '../../shared/payments/pay-links';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Withdraws every pay link sent for this invoice: each fails (404 or 410) on its next use. */
export const handler = httpRoute(routeByName('revokeInvoiceLinks'), { ...businessSchemas.revokeInvoiceLinks }, async ({ caller, path, deps }) => {
  if (!(await deps.stores.invoices.getInvoice(caller.businessId, path.invoiceId))) throw new NotFound(`There is no invoice ${path.invoiceId}.`);
  const revoked = await revokePayLinks(caller.businessId, path.invoiceId, { payLinks: deps.stores.payLinks });
  return { status: 200, body: { invoiceId: path.invoiceId, revoked } };
});
