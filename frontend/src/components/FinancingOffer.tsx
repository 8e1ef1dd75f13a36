/**
 * Financing before checkout: where the business offers Affirm and the amount is eligible (USD
 * 50–30,000), Stripe's Payment Method Messaging Element shows what monthly payments could look
 * like and lets the customer pre-qualify with Affirm before paying. The figures and the
 * pre-qualification are Stripe's and Affirm's own, inside their frame; the portal writes no
 * figure or promise of its own. Stripe.js is fetched only here, after the page has shown, from
 * the one origin the page's CSP allows (rule 75); locally the Stripe sandbox serves a stand-in.
 * The code that loads and drives it (financingMessaging.ts) arrives only when there is an offer.
 * Nothing shows when the stage, the business or the amount does not qualify, or Stripe.js fails.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { eligibleMethods } from '../../../shared/contract/customer/payments';
import type { Money } from '../../../shared/contract/money';
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { t, useLanguage } from '../i18n/current';
import type { MessagingElement } from './financingMessaging';

interface Props {
  slug: string;
  payments: PortalInfo['payments'];
  amount: Money;
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
      const { messagingElement } = await import('./financingMessaging');
      const created = await messagingElement(offer.data, language);
      if (abort.signal.aborted || !host.current) return;
      element = created;
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
