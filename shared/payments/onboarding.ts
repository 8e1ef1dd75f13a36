/**
 * Connecting a business to Stripe. `POST stripe/onboarding` creates its Standard connected account
 * once (the business id is Stripe's idempotency key and the account's metadata) and answers a
 * Stripe-hosted onboarding link for the business's people to fill in. Stripe then says what the
 * account can do through `account.updated`: only when it can take charges does the portal show
 * pay buttons.
 */
import { Conflict, NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { PaymentEvent, PaymentGateway } from './port';
import { setStripeAccount } from '../directory/businesses';

export async function startOnboarding(
  businessId: string,
  urls: { returnUrl: string; refreshUrl: string },
  deps: { directory: DirectoryStore; payments: PaymentGateway; clock: Clock },
): Promise<{ url: string; expiresAt: string; stripeAccountId: string }> {
  const business = await deps.directory.getBusiness(businessId);
  if (!business) throw new NotFound('This business no longer exists.');
  let accountId = business.payments.stripeAccountId;
  if (!accountId) {
    accountId = (await deps.payments.createConnectedAccount(businessId)).accountId;
    await setStripeAccount(businessId, { stripeAccountId: accountId, chargesEnabled: false }, deps);
  }
  const link = await deps.payments.createOnboardingLink(accountId, urls);
  return { url: link.url, expiresAt: new Date(link.expiresAt * 1000).toISOString(), stripeAccountId: accountId };
}

export type AccountOutcome = 'ignored' | 'rejected-account' | 'rejected-mode' | 'charges-enabled' | 'charges-disabled' | 'unchanged';

/** `account.updated`: re-fetched, and recorded only for the business the account belongs to. */
export async function applyAccountEvent(event: PaymentEvent, deps: { directory: DirectoryStore; payments: PaymentGateway; clock: Clock }): Promise<{ outcome: AccountOutcome; businessId?: string }> {
  if (event.livemode !== (await deps.payments.livemode())) return { outcome: 'rejected-mode' };
  const accountId = event.account ?? event.object.id;
  const account = await deps.payments.getAccount(accountId);
  const businessId = account.metadata.businessId;
  if (!businessId) return { outcome: 'ignored' };
  const business = await deps.directory.getBusiness(businessId);
  // Only the account this business was connected to speaks for it.
  if (!business || business.payments.stripeAccountId !== account.id) return { outcome: 'rejected-account', businessId };
  if (business.payments.chargesEnabled === account.chargesEnabled) return { outcome: 'unchanged', businessId };
  try {
    await setStripeAccount(businessId, { stripeAccountId: account.id, chargesEnabled: account.chargesEnabled }, deps);
  } catch (error) {
    if (error instanceof Conflict) throw new Error(`Business ${businessId} kept changing while recording its Stripe account`);
    throw error;
  }
  return { outcome: account.chargesEnabled ? 'charges-enabled' : 'charges-disabled', businessId };
}
