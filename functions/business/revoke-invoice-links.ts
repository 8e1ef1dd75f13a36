import { businessSchemas } from '../../shared/api/business-contract';
import { NotFound } from '../../shared/kernel/errors';
import { revokeObjectLinks } from '../../shared/links/object-links';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Withdraws every pay link sent for this invoice: each fails (404 or 410) on its next use. */
export const handler = httpRoute(routeByName('revokeInvoiceLinks'), { ...businessSchemas.revokeInvoiceLinks }, async ({ caller, path, deps }) => {
  if (!(await deps.stores.invoices.getInvoice(caller.businessId, path.invoiceId))) throw new NotFound(`There is no invoice ${path.invoiceId}.`);
  const revoked = await revokeObjectLinks('invoice', caller.businessId, path.invoiceId, { links: deps.stores.links });
  return { status: 200, body: { invoiceId: path.invoiceId, revoked } };
});
