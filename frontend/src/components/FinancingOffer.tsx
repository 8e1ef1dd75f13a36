/**
 * Financing before checkout: where the business offers Affirm and the amount is eligible (USD
 * 50–30,000), Stripe's Payment Method Messaging Element shows what monthly payments could look
 * like and lets the customer pre-qualify with Affirm before paying. The figures and the
 * pre-qualification are Stripe's and Affirm's own, inside their frame; the portal writes no
 * figure or promise of its own. Stripe.js is fetched only here, after the page has shown, from
 * the one origin the page's CSP allows (rule 75); locally the Stripe sandbox serves a stand-in.
 * Nothing shows when the stage, the business or the amount does not qualify, or Stripe.js fails.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { eligibleMethods } from '../../../shared/contract/customer/payments';
import type { Money } from '../../../shared/contract/money';
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { t, useLanguage } from '../i18n/current';

interface Props {
  slug: string;
  payments: PortalInfo['payments'];
  amount: Money;
}

interface MessagingElement {
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

export function FinancingOffer({ slug, payments, amount }: Props) {
  const host = useRef<HTMLDivElement>(null);
  // Stripe's element writes in the page's language; switching remounts it in the new one.
  const language = useLanguage();
  const [shown, setShown] = useState(false);
  // The same rule checkout applies; the server checks it again with the stage's settings.
  const eligible = payments.enabled && eligibleMethods({ payments }, { currency: amount.currency, value: amount.amount }).includes('affirm');

  useEffect(() => {
    if (!eligible) return undefined;
    const abort = new AbortController();
    let element: MessagingElement | null = null;
    (async () => {
      const offer = await api.financing(slug, amount, abort.signal);
      if (abort.signal.aborted || !offer.ok || !offer.data.available || !host.current) return;
      const { scriptUrl, publishableKey, stripeAccount, paymentMethodTypes, countryCode, currency } = offer.data;
      const Stripe = await loadStripe(scriptUrl);
      if (abort.signal.aborted || !host.current) return;
      element = Stripe(publishableKey, { stripeAccount, locale: language })
        .elements()
        .create('paymentMethodMessaging', { amount: offer.data.amount, currency, paymentMethodTypes, countryCode });
      element.mount(host.current);
      setShown(true);
    })().catch(() => {
      // Financing messaging is extra: without Stripe.js the page still pays as before.
    });
    return () => {
      abort.abort();
      element?.destroy();
      setShown(false);
    };
  }, [eligible, slug, amount.amount, amount.currency, language]);

  if (!eligible) return null;
  return <div class="financing" role="group" aria-label={t('portal.financing.label')} hidden={!shown} ref={host} />;
}
