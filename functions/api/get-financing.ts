import { customerPaymentSchemas } from '../../shared/contract/customer/payments';
import { financingOffer } from '../../shared/payments/financing';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';

/** What an invoice or estimate page needs to show Stripe's financing messaging for an amount (or why it shows none). */
export const handler = httpRoute(
  portalRoute('getFinancing'),
  { auth: publicAuth, stores: { directory: DynamoDirectoryStore }, ...customerPaymentSchemas.getFinancing },
  async ({ path, query, deps }) => ({
    status: 200,
    body: await financingOffer(path.slug, query, { directory: deps.stores.directory, clock: deps.clock, messaging: deps.config.paymentMessaging }),
  }),
);
