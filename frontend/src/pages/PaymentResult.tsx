/**
 * The body of `/{slug}/payments/{checkoutId}` (PaymentReturn.tsx picks its layout; this loads as a
 * chunk of its own, lazy.ts): where Stripe sends the customer back after paying. Only
 * Stripe's webhook records a payment, so this page only asks how the checkout went
 * (useCheckoutStatus: every 1.5 s for up to a minute) until it is paid, failed or expired, and
 * says so (aloud too, through the live region). A bank payment shows "on its way" and is still
 * watched in case it settles.
 *
 * A customer who paid from a pay link has no session: the link kept in this tab (PayLink) asks
 * instead, and the way back is to that invoice's page, not the invoice list. With a session here,
 * the session asks.
 */
import '../lazy-kit';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AmountRow } from '../components/AmountRow';
import { announce } from '../components/Announcer';
import { Section } from '../components/job/Section';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { StatusBadge } from '../components/StatusBadge';
import { formatMoney, formatPaymentMethod } from '../format';
import { outcomeOf } from '../payments';
import { paths } from '../router';
import { useCheckoutStatus } from '../useCheckoutStatus';
import { useResource } from '../useResource';
import { useSignInWhenSignedOut } from '../useSignInWhenSignedOut';
import { t } from '../i18n/current';

interface Props {
  slug: string;
  checkoutId: string;
  business: string | null;
  /** A pay link's token: it asks instead of the session. */
  link: string | null;
}

export function PaymentResult({ slug, checkoutId, business, link }: Props) {
  const [state, retry] = useCheckoutStatus(checkoutId, link);

  const signedOut = !link && state.status === 'error' && state.problem.status === 401;
  useSignInWhenSignedOut(slug, signedOut);

  const outcome = state.status === 'ok' ? outcomeOf(state.data.status, state.watching) : null;
  // Said aloud once per outcome: a bank payment is heard "on its way", then "received" if it settles while shown.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!outcome || outcome.kind === 'checking' || announced.current === outcome.kind) return;
    announced.current = outcome.kind;
    announce(outcome.text ? `${outcome.heading}. ${outcome.text}` : outcome.heading);
  }, [outcome?.kind]);

  /** Where to go on: the pay link's invoice, or all the customer's invoices. */
  const onward = link ? paths.pay(slug) : paths.invoices(slug);
  const back = (
    <Link class="back-link" href={onward}>
      {link ? t('portal.checkout.backToInvoice') : t('portal.detail.backToList', { noun: 'invoice' })}
    </Link>
  );

  if (state.status === 'error' && state.problem.status === 404) {
    return (
      <Page title={t('portal.checkout.notFound.title')} business={business} before={back}>
        <p>{t('portal.checkout.notFound.text')}</p>
      </Page>
    );
  }

  if (state.status !== 'ok' || !outcome) {
    return (
      <Page title={t('portal.checkout.checking.title')} business={business} busy={state.status === 'loading'} before={back}>
        {state.status === 'loading' && <Loading label={t('portal.checkout.checking.heading')} />}
        {state.status === 'error' && !signedOut && <ProblemMessage problem={state.problem} retry={retry} />}
      </Page>
    );
  }

  const checkout = state.data;
  const money = (amount: number) => formatMoney({ amount, currency: checkout.currency });
  const payingNow = outcome.kind === 'paid' || outcome.kind === 'processing';
  return (
    <Page title={outcome.title} heading={outcome.heading} business={business} busy={outcome.kind === 'checking'} before={back}>
      {outcome.kind === 'checking' && <Loading label={t('portal.checkout.waiting')} />}
      {outcome.text && (
        <div class={outcome.kind === 'paid' || outcome.kind === 'processing' ? 'notice notice-success' : 'notice notice-error'}>
          <p>{outcome.text}</p>
        </div>
      )}
      {payingNow && (
        <dl class="details payment-summary">
          <div>
            <dt>{t('portal.lines.amount')}</dt>
            <dd>{money(checkout.amount)}</dd>
          </div>
          {checkout.method && (
            <div>
              <dt>{outcome.kind === 'paid' ? t('portal.checkout.paidWith') : t('portal.checkout.payingWith')}</dt>
              <dd>{formatPaymentMethod(checkout.method)}</dd>
            </div>
          )}
        </dl>
      )}
      <Section id="checkout-invoices" title={t('portal.checkout.invoices', { count: checkout.invoices.length })}>
        <ul class="plain-list">
          {checkout.invoices.map((invoice) => (
            <li key={invoice.id}>
              <p class="invoice-row">
                <Link href={link ? onward : paths.invoice(slug, invoice.id)}>{t('portal.invoice.numbered', { number: invoice.number })}</Link>
                <StatusBadge status={invoice.status} />
              </p>
              {/* What this payment was, then where the invoice stands: a part payment leaves a balance. */}
              <dl class="totals">
                <AmountRow label={outcome.kind === 'paid' ? t('portal.result.thisPayment') : t('portal.result.payingNow')}>{money(invoice.amount)}</AmountRow>
                <AmountRow label={t('portal.result.paidSoFar')}>{money(invoice.amountPaid)}</AmountRow>
                {invoice.amountPending > 0 && <AmountRow label={t('portal.amount.processing')}>{money(invoice.amountPending)}</AmountRow>}
                <AmountRow label={t('portal.amount.balanceDue')} strong>
                  {money(invoice.balance)}
                </AmountRow>
              </dl>
            </li>
          ))}
        </ul>
      </Section>
      {!payingNow && outcome.kind !== 'checking' && (
        <p class="payment-next">
          <Link class="button button-primary" href={onward}>
            {link ? t('portal.checkout.backToInvoice') : t('portal.checkout.backToInvoices')}
          </Link>
        </p>
      )}
    </Page>
  );
}
