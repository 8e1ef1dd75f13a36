import { businessInvoiceSchemas } from '../../shared/contract/business/invoices';
import { NotFound } from '../../shared/kernel/errors';
import { toInvoiceRecord } from '../../shared/invoices/model';
import { appliedPayments, businessInvoiceView } from '../../shared/invoices/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoInvoiceStore } from '../../shared/invoices/store';

export const handler = httpRoute(businessRoute('getBusinessInvoice'), { auth: apiKeyAuth, stores: { invoices: DynamoInvoiceStore }, ...businessInvoiceSchemas.getBusinessInvoice }, async ({ caller, path, deps }) => {
  const [invoice, payments] = await Promise.all([
    deps.stores.invoices.getInvoice(caller.businessId, path.invoiceId),
    deps.stores.invoices.listPayments(caller.businessId, path.invoiceId),
  ]);
  if (!invoice) throw new NotFound(`There is no invoice ${path.invoiceId}.`);
  return { status: 200, body: businessInvoiceView(toInvoiceRecord(invoice), appliedPayments(invoice, payments)) };
});
