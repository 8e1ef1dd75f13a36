import { customerPaymentSchemas } from '../../shared/contract/customer/payments';
import { stepDepsFrom } from '../../shared/steps/deps';
import { stripePayments } from '../../shared/adapters/aws/factories/payments';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { startCheckout } from '../../shared/paying/checkout';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { stepStores } from '../wiring/step-stores';

/** Starts a Stripe Checkout for some of the customer's open invoices (a pay link: its one invoice); the browser goes to `url`. */
export const handler = httpRoute(portalRoute('createCheckout'), { auth: customerAuth, stores: stepStores, ...customerPaymentSchemas.createCheckout, aws: { payments: stripePayments, secrets: secretsManager } }, async ({ caller, body, deps }) => ({
  status: 201,
  body: await startCheckout(caller, body, { ...stepDepsFrom(deps.stores, deps.clock, { payments: deps.payments }), payments: deps.payments, portalOrigin: deps.config.portalOrigin }),
}));
