import { customerInvoiceSchemas } from '../../shared/contract/customer/invoices';
import { listCustomerInvoices } from '../../shared/invoices/customer-invoices';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** The signed-in customer's open invoices (the default; soonest due first) or paid ones (newest issued first). */
export const handler = httpRoute(portalRoute('listInvoices'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, invoices: DynamoInvoiceStore }, ...customerInvoiceSchemas.listInvoices }, async ({ caller, query, deps }) => ({
  status: 200,
  body: await listCustomerInvoices(caller, query, { invoices: deps.stores.invoices }),
}));
