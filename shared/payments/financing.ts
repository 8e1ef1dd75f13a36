/**
 * Financing before checkout: whether a page may show Stripe's Payment Method Messaging for Affirm
 * on an amount, and with what. Affirm is shown where the business offers it, takes online
 * payments, and the amount is eligible (USD 50–30,000, the same rule checkout applies:
 * `eligibleMethods`). Stripe's element then decides what plans it shows; nothing here promises any.
 */
import { eligibleMethods, type FinancingOffer, type FinancingQuery } from '../contract/customer/payments';
import { NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import { resolveSlug } from '../directory/businesses';
import type { DirectoryStore } from '../directory/port';
import { paymentsEnabled } from '../directory/payments-enabled';
import type { PaymentMessaging } from './messaging';

export async function financingOffer(
  slug: string,
  query: FinancingQuery,
  deps: { directory: DirectoryStore; clock: Clock; messaging: PaymentMessaging | null },
): Promise<FinancingOffer> {
  const found = await resolveSlug(slug, deps);
  if (!found) throw new NotFound('There is no customer portal at this address. Check the link you were sent.');
  const { business } = found;
  if (!deps.messaging || !paymentsEnabled(business) || !business.payments.methods.affirm || !business.payments.stripeAccountId) {
    return { available: false, reason: 'not_offered' };
  }
  if (!eligibleMethods(business, { currency: query.currency, value: query.amount }).includes('affirm')) return { available: false, reason: 'amount' };
  return {
    available: true,
    scriptUrl: deps.messaging.scriptUrl,
    publishableKey: deps.messaging.publishableKey,
    stripeAccount: business.payments.stripeAccountId,
    paymentMethodTypes: ['affirm'],
    countryCode: 'US',
    amount: query.amount,
    currency: 'USD',
  };
}
