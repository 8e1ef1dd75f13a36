/**
 * Stripe's Payment Method Messaging on this stage: the platform's publishable key and where
 * Stripe.js comes from. Set per stage (infra/stack/config.ts); unset, no page shows financing
 * messaging and the CSP stays as it is. Locally the Stripe sandbox serves a stand-in script from
 * its own origin, so the CSP is exercised the way a stage's is.
 */
export interface PaymentMessaging {
  publishableKey: string;
  scriptUrl: string;
}

/** Stripe.js, as Stripe serves it: the only origin a stage's CSP adds for it. */
export const stripeJsUrl = 'https://js.stripe.com/v3/';

/** From the stage's settings; a key that is not a publishable key is a deploy-time error (a secret key must never reach a page). */
export function paymentMessagingFrom(publishableKey: string | undefined, scriptUrl: string = stripeJsUrl): PaymentMessaging | null {
  if (!publishableKey) return null;
  if (!/^pk_(live|test)_[A-Za-z0-9]{8,247}$/.test(publishableKey)) {
    throw new Error('The Stripe publishable key must start with pk_live_ or pk_test_ (never a secret key, sk_…, which would reach every page).');
  }
  if (!/^https:\/\/[^/?#\s]+\/\S*$/.test(scriptUrl)) throw new Error(`Stripe.js must load over https, got "${scriptUrl}".`);
  return { publishableKey, scriptUrl };
}

/** `https://js.stripe.com/v3/` → `https://js.stripe.com`: what the CSP allows scripts and frames from. */
export function scriptOrigin(scriptUrl: string): string {
  return new URL(scriptUrl).origin;
}
