/**
 * Whether a business takes online payments at all. Which ways to pay an amount can use is the
 * contract's (`eligibleMethods` in shared/contract/customer/payments.ts): the portal shows those
 * buttons and checkout offers exactly those.
 */
import type { Business } from './model';

export const paymentsEnabled = (business: Pick<Business, 'payments'>): boolean => !!business.payments.stripeAccountId && business.payments.chargesEnabled;
