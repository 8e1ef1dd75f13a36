import { customerPaymentSchemas } from '../../shared/contract/customer/payments';
import { checkoutStatus } from '../../shared/paying/checkout';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { DynamoCheckoutStore } from '../../shared/payments/store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';

/** How a checkout went: the page the customer returns to polls this; it records nothing. */
export const handler = httpRoute(portalRoute('getCheckout'), { auth: customerAuth, stores: { checkouts: DynamoCheckoutStore, invoices: DynamoInvoiceStore }, ...customerPaymentSchemas.getCheckout, aws: { secrets: secretsManager } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await checkoutStatus(caller, path.checkoutId, { checkouts: deps.stores.checkouts, invoices: deps.stores.invoices }),
}));
