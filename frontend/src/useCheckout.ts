/**
 * Starting a payment: POST the checkout, then a full navigation to Stripe's page. While that runs
 * the control that started it shows busy (and the others wait); a refusal comes back as a Problem
 * for that control to show, and every control works again.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../shared/contract/problem';
import type { StartCheckoutBody } from '../../shared/contract/customer/payments';
import { api } from './api';
import { navigate, paths } from './router';
import { forgetMe } from './session';

export interface Checkout {
  /** The control whose payment is starting (an invoice id, `selected`, `part`), or null. */
  pending: string | null;
  /** The last refusal, and which control it answers. */
  failed: { key: string; problem: Problem } | null;
  /** Resolves with the refusal, or null when the browser is on its way (to Stripe, or to sign in). */
  pay: (key: string, body: StartCheckoutBody) => Promise<Problem | null>;
}

/** `link`: a pay link's token, sent instead of relying on the session (the pay-link page). */
export function useCheckout(slug: string, link: string | null = null): Checkout {
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState<Checkout['failed']>(null);

  // Back from Stripe's page, the browser may show this page as it was left, mid-request: usable again.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) setPending(null);
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, []);

  async function pay(key: string, body: StartCheckoutBody): Promise<Problem | null> {
    if (pending) return null;
    setPending(key);
    setFailed(null);
    const result = await api.startCheckout(body, link);
    if (result.ok) {
      // Stays busy: the browser is leaving for Stripe.
      location.assign(result.data.url);
      return null;
    }
    setPending(null);
    // Signed out: sign in again. (A pay link is refused with 404 or 410, shown like any refusal.)
    if (result.status === 401 && !link) {
      forgetMe();
      navigate(paths.signIn(slug, location.pathname), { replace: true });
      return null;
    }
    setFailed({ key, problem: result.problem });
    return result.problem;
  }

  return { pending, failed, pay };
}
