import { StartCheckoutBody } from '../../shared/api/contract';
import { stripePayments } from '../../shared/adapters/aws/factories/payments';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { startCheckout } from '../../shared/payments/checkout';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Starts a Stripe Checkout for some of the customer's open invoices (a pay link: its one invoice); the browser goes to `url`. */
export const handler = httpRoute(routeByName('createCheckout'), { body: StartCheckoutBody, aws: { payments: stripePayments, secrets: secretsManager } }, async ({ caller, body, deps }) => ({
  status: 201,
  body: await startCheckout(caller, body, {
    directory: deps.stores.directory,
    invoices: deps.stores.invoices,
    checkouts: deps.stores.checkouts,
    payments: deps.payments,
    clock: deps.clock,
    portalOrigin: deps.config.portalOrigin,
  }),
}));
