/**
 * Watching a checkout after Stripe sends the customer back. Only Stripe's webhook records a
 * payment, so this only asks how the checkout went, every 1.5 s for up to a minute, until it is
 * paid, failed or expired. A blip (connection, 5xx) after a first answer keeps what is shown and
 * asks again; a bank payment "on its way" is still watched in case it settles. The return page
 * (PaymentResult) and the estimate page (back from paying a deposit) both use it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CheckoutStatusResponse } from '../../shared/contract/customer/payments';
import type { Problem } from '../../shared/contract/problem';
import { api } from './api';
import { isSettled } from './payments';

export const POLL_EVERY_MS = 1500;
export const POLL_FOR_MS = 60_000;

export type CheckoutState =
  | { status: 'loading' }
  /** `watching`: still asking. */
  | { status: 'ok'; data: CheckoutStatusResponse; watching: boolean }
  | { status: 'error'; problem: Problem };

/** `checkoutId` null: nothing to watch (stays loading). `link`: a pay or estimate link's token asks instead of the session. */
export function useCheckoutStatus(checkoutId: string | null, link: string | null): [CheckoutState, () => void] {
  const [state, setState] = useState<CheckoutState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!checkoutId) return;
    const controller = new AbortController();
    const until = Date.now() + POLL_FOR_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let known = false;
    async function ask() {
      let result;
      try {
        result = await api.checkout(checkoutId!, controller.signal, link);
      } catch {
        return; // the page went away
      }
      const more = Date.now() + POLL_EVERY_MS < until;
      if (result.ok) {
        known = true;
        const watching = !isSettled(result.data.status) && more;
        setState({ status: 'ok', data: result.data, watching });
        if (watching) timer = setTimeout(ask, POLL_EVERY_MS);
        return;
      }
      if (result.status === 401 || result.status === 404 || result.status === 410 || !known) {
        setState({ status: 'error', problem: result.problem });
        return;
      }
      // A blip (connection, 5xx) after a first answer: keep what is shown and ask again.
      if (more) timer = setTimeout(ask, POLL_EVERY_MS);
      else setState((old) => (old.status === 'ok' ? { ...old, watching: false } : old));
    }
    void ask();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [checkoutId, attempt]);

  return [state, () => setAttempt((n) => n + 1)];
}
