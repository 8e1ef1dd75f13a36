/**
 * Stripe's Payment Method Messaging Element, mounted: loaded (`import()`) only once the API has
 * said this amount has an offer, so the code that fetches Stripe.js and drives its element is not
 * part of any page's first load (FinancingOffer.tsx decides whether to show it).
 */
import type { FinancingOffer } from '../../../shared/contract/customer/payments';
import type { Language } from '../../../shared/contract/i18n/languages';

export interface MessagingElement {
  mount(host: HTMLElement): void;
  destroy(): void;
}
type StripeFactory = (key: string, options: { stripeAccount: string; locale: string }) => {
  elements(): { create(type: 'paymentMethodMessaging', options: Record<string, unknown>): MessagingElement };
};

const scripts = new Map<string, Promise<StripeFactory>>();

/** Stripe.js once per page: its script tag, then its global. A failed load is forgotten, so a later page tries again. */
function loadStripe(url: string): Promise<StripeFactory> {
  let pending = scripts.get(url);
  if (!pending) {
    pending = new Promise<StripeFactory>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onload = () => {
        const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe;
        if (factory) resolve(factory);
        else reject(new Error('Stripe.js loaded without Stripe()'));
      };
      script.onerror = () => reject(new Error('Stripe.js did not load'));
      document.head.appendChild(script);
    });
    pending.catch(() => scripts.delete(url));
    scripts.set(url, pending);
  }
  return pending;
}

/** Stripe's element for this offer, in this language, created (the caller mounts it when its host is still there). */
export async function messagingElement(offer: Extract<FinancingOffer, { available: true }>, language: Language): Promise<MessagingElement> {
  const { scriptUrl, publishableKey, stripeAccount, paymentMethodTypes, countryCode, currency, amount } = offer;
  const Stripe = await loadStripe(scriptUrl);
  return Stripe(publishableKey, { stripeAccount, locale: language }).elements().create('paymentMethodMessaging', { amount, currency, paymentMethodTypes, countryCode });
}
