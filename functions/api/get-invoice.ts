import { InvoicePath } from '../../shared/api/contract';
import { getCustomerInvoice } from '../../shared/invoices/customer-invoices';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** One of the signed-in customer's invoices with its lines and payments; anyone else's is a 404. */
export const handler = httpRoute(routeByName('getInvoice'), { path: InvoicePath }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await getCustomerInvoice(caller, path.invoiceId, { invoices: deps.stores.invoices }),
}));
