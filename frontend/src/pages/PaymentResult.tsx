/**
 * `/{slug}/payments/{checkoutId}`: where Stripe sends the customer back after paying. Only
 * Stripe's webhook records a payment, so this page only asks how the checkout went, every 1.5 s
 * for up to a minute, until it is paid, failed or expired, and says so (aloud too, through the
 * live region). A bank payment shows "on its way" and is still watched in case it settles.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CheckoutStatusResponse, MeResponse, Problem } from '../../../shared/api/contract';
import { api } from '../api';
import { announce } from '../components/Announcer';
import { Section } from '../components/job/Section';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { StatusBadge } from '../components/StatusBadge';
import { formatMoney, formatPaymentMethod } from '../format';
import { isSettled, outcomeOf } from '../payments';
import { navigate, paths } from '../router';
import { forgetMe } from '../session';

export const POLL_EVERY_MS = 1500;
export const POLL_FOR_MS = 60_000;

type State =
  | { status: 'loading' }
  /** `watching`: still asking. */
  | { status: 'ok'; data: CheckoutStatusResponse; watching: boolean }
  | { status: 'error'; problem: Problem };

export function PaymentResult({ slug, checkoutId, me }: { slug: string; checkoutId: string; me: MeResponse }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const business = me.business.name;

  useEffect(() => {
    const controller = new AbortController();
    const until = Date.now() + POLL_FOR_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let known = false;
    async function ask() {
      let result;
      try {
        result = await api.checkout(checkoutId, controller.signal);
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
      if (result.status === 401 || result.status === 404 || !known) {
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

  const signedOut = state.status === 'error' && state.problem.status === 401;
  useEffect(() => {
    if (signedOut) {
      forgetMe();
      navigate(paths.signIn(slug), { replace: true });
    }
  }, [signedOut]);

  const outcome = state.status === 'ok' ? outcomeOf(state.data.status, state.watching) : null;
  // Said aloud once per outcome: a bank payment is heard "on its way", then "received" if it settles while shown.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!outcome || outcome.kind === 'checking' || announced.current === outcome.kind) return;
    announced.current = outcome.kind;
    announce(outcome.text ? `${outcome.heading}. ${outcome.text}` : outcome.heading);
  }, [outcome?.kind]);

  const back = (
    <Link class="back-link" href={paths.invoices(slug)}>
      All invoices
    </Link>
  );

  if (state.status === 'error' && state.problem.status === 404) {
    return (
      <Page title="Payment not found" business={business} before={back}>
        <p>We couldn't find this payment. It may have been started by someone else, or the link may be mistyped.</p>
      </Page>
    );
  }

  if (state.status !== 'ok' || !outcome) {
    return (
      <Page title="Checking your payment" business={business} busy={state.status === 'loading'} before={back}>
        {state.status === 'loading' && <Loading label="Checking your payment…" />}
        {state.status === 'error' && !signedOut && <ProblemMessage problem={state.problem} retry={() => setAttempt((n) => n + 1)} />}
      </Page>
    );
  }

  const checkout = state.data;
  const money = (amount: number) => formatMoney({ amount, currency: checkout.currency });
  const payingNow = outcome.kind === 'paid' || outcome.kind === 'processing';
  return (
    <Page title={outcome.title} heading={outcome.heading} business={business} busy={outcome.kind === 'checking'} before={back}>
      {outcome.kind === 'checking' && <Loading label="Waiting for the payment to be confirmed…" />}
      {outcome.text && (
        <div class={outcome.kind === 'paid' || outcome.kind === 'processing' ? 'notice notice-success' : 'notice notice-error'}>
          <p>{outcome.text}</p>
        </div>
      )}
      {payingNow && (
        <dl class="details payment-summary">
          <div>
            <dt>Amount</dt>
            <dd>{money(checkout.amount)}</dd>
          </div>
          {checkout.method && (
            <div>
              <dt>{outcome.kind === 'paid' ? 'Paid with' : 'Paying with'}</dt>
              <dd>{formatPaymentMethod(checkout.method)}</dd>
            </div>
          )}
        </dl>
      )}
      <Section id="checkout-invoices" title={checkout.invoices.length === 1 ? 'Invoice' : 'Invoices'}>
        <ul class="plain-list">
          {checkout.invoices.map((invoice) => (
            <li key={invoice.id} class="invoice-row">
              <Link href={paths.invoice(slug, invoice.id)}>Invoice {invoice.number}</Link>
              <StatusBadge status={invoice.status} />
              <span class="num">{money(invoice.amount)}</span>
            </li>
          ))}
        </ul>
      </Section>
      {!payingNow && outcome.kind !== 'checking' && (
        <p class="payment-next">
          <Link class="button button-primary" href={paths.invoices(slug)}>
            Back to your invoices
          </Link>
        </p>
      )}
    </Page>
  );
}
