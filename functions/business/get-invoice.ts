import { businessSchemas } from '../../shared/api/business-contract';
import { NotFound } from '../../shared/kernel/errors';
import { toInvoiceRecord } from '../../shared/invoices/model';
import { appliedPayments, businessInvoiceView } from '../../shared/invoices/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('getBusinessInvoice'), { ...businessSchemas.getBusinessInvoice }, async ({ caller, path, deps }) => {
  const [invoice, payments] = await Promise.all([
    deps.stores.invoices.getInvoice(caller.businessId, path.invoiceId),
    deps.stores.invoices.listPayments(caller.businessId, path.invoiceId),
  ]);
  if (!invoice) throw new NotFound(`There is no invoice ${path.invoiceId}.`);
  return { status: 200, body: businessInvoiceView(toInvoiceRecord(invoice), appliedPayments(invoice, payments)) };
});
