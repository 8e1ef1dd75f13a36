import { customerInvoiceSchemas } from '../../shared/contract/customer/invoices';
import { getCustomerInvoice } from '../../shared/invoices/customer-invoices';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** One of the customer's invoices with its lines and payments (a pay link: its own invoice only); anyone else's is a 404. */
export const handler = httpRoute(portalRoute('getInvoice'), { auth: customerAuth, stores: { directory: DynamoDirectoryStore, invoices: DynamoInvoiceStore }, ...customerInvoiceSchemas.getInvoice, aws: { secrets: secretsManager } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await getCustomerInvoice(caller, path.invoiceId, { invoices: deps.stores.invoices }),
}));
