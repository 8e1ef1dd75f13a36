/**
 * `/{slug}/invoices`: the customer's invoices, open (something left to pay) and paid, a page at
 * a time. The selected tab is kept in the URL (`?status=paid`, replaced, not pushed) so a reload
 * or the invoice page's back link returns to it (useListTab).
 *
 * Where the business takes payments, each open invoice with something to pay has a check box and
 * a "Pay" button (that invoice alone); ticking some shows a "Pay selected" bar with their total
 * and the ways it can be paid. Paying goes to Stripe's checkout page (useCheckout).
 */
import { useState } from 'preact/hooks';
import type { InvoiceSummary } from '../../../shared/contract/customer/invoices';
import type { MeResponse, PortalInfo } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { BusyButton } from '../components/BusyButton';
import { InvoiceCard } from '../components/InvoiceCard';
import { Page } from '../components/Page';
import { ProblemMessage } from '../components/Status';
import { TabbedList } from '../components/TabbedList';
import { formatMoney } from '../format';
import { canPay, methodsFor, selectionOf, waysToPay } from '../payments';
import { maxInvoicesPerCheckout } from '../../../shared/contract/customer/payments';
import { paths } from '../router';
import { type Checkout, useCheckout } from '../useCheckout';
import { listTabs, useListTab } from '../useListTab';
import { usePagedList } from '../usePagedList';
import { t } from '../i18n/current';

export type InvoiceTab = 'open' | 'paid';

// Labels are read at each render, in the language shown then.
const TABS = listTabs<InvoiceTab>('status', [
  {
    id: 'open',
    get label() {
      return t('portal.invoices.tab.open');
    },
  },
  {
    id: 'paid',
    get label() {
      return t('portal.invoices.tab.paid');
    },
  },
]);

/** The tab last shown, for the invoice page's "All invoices" link. */
export const lastInvoicesTab = (): InvoiceTab => TABS.last;

export function InvoiceList({ slug, me }: { slug: string; me: MeResponse }) {
  const [status, selectTab] = useListTab(TABS, (tab) => paths.invoices(slug, tab));
  const list = usePagedList(
    slug,
    status,
    (tab, cursor, signal) => api.invoices({ status: tab, cursor }, signal),
    (invoice) => `invoice-${invoice.id}`,
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const checkout = useCheckout(slug);
  const business = me.business.name;
  const timeZone = me.business.timeZone;
  const payHere = status === 'open' && me.business.payments.enabled;

  function select(next: InvoiceTab) {
    // Another tab starts with nothing ticked.
    if (next !== status) setSelected(new Set());
    selectTab(next);
  }

  function tick(id: string, on: boolean) {
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const chosen = payHere ? list.items.filter((i) => selected.has(i.id) && canPay(i)) : [];

  return (
    <Page title={t('portal.nav.invoices')} business={business} busy={list.first.status === 'loading'}>
      <TabbedList
        label={t('portal.nav.invoices')}
        prefix="invoices"
        tabs={TABS.tabs}
        selected={status}
        onSelect={select}
        list={list}
        loading={status === 'open' ? t('portal.invoices.loading.open') : t('portal.invoices.loading.paid')}
        empty={status === 'open' ? t('portal.invoices.empty.open') : t('portal.invoices.empty.paid')}
        emptyHint={status === 'open' ? t('portal.invoices.hint.open', { business }) : t('portal.invoices.hint.paid')}
        card={(invoice) => (
          <InvoiceCard key={invoice.id} slug={slug} invoice={invoice} timeZone={timeZone}>
            {payHere && canPay(invoice) && (
              <PayOne invoice={invoice} checkout={checkout} selected={selected.has(invoice.id)} onTick={(on) => tick(invoice.id, on)} />
            )}
          </InvoiceCard>
        )}
      >
        {chosen.length > 0 && <PaySelected invoices={chosen} payments={me.business.payments} checkout={checkout} />}
      </TabbedList>
    </Page>
  );
}

/** On an invoice's card: its check box for "Pay selected", and "Pay" for it alone. */
function PayOne({ invoice, checkout, selected, onTick }: { invoice: InvoiceSummary; checkout: Checkout; selected: boolean; onTick: (on: boolean) => void }) {
  const failed = checkout.failed?.key === invoice.id ? checkout.failed.problem : null;
  return (
    <>
      <label class="check">
        <input type="checkbox" checked={selected} onChange={(e) => onTick(e.currentTarget.checked)} />
        <span>
          {t('portal.invoices.select')}
          <span class="visually-hidden"> {t('portal.invoice.numberForScreenReader', { number: invoice.number })}</span>
        </span>
      </label>
      <BusyButton
        class="button button-primary"
        pending={checkout.pending === invoice.id}
        disabled={checkout.pending !== null}
        onClick={() => checkout.pay(invoice.id, { invoiceIds: [invoice.id] })}
      >
        {checkout.pending === invoice.id ? t('portal.pay.opening') : t('portal.invoices.pay')}
        <span class="visually-hidden"> {t('portal.invoice.numberForScreenReader', { number: invoice.number })}</span>
      </BusyButton>
      {failed && <ProblemMessage problem={failed} />}
    </>
  );
}

/** Under the list once invoices are ticked: their total, the ways to pay it, and "Pay selected". */
function PaySelected({ invoices, payments, checkout }: { invoices: InvoiceSummary[]; payments: PortalInfo['payments']; checkout: Checkout }) {
  const selection = selectionOf(invoices);
  const count = t('portal.invoices.selected', { count: selection.count });
  const failed = checkout.failed?.key === 'selected' ? checkout.failed.problem : null;
  return (
    <section class="pay-bar" aria-label={t('portal.invoices.payBar')}>
      {selection.kind === 'total' ? (
        <>
          <p class="pay-bar-total">
            <span>{count}</span> <strong>{t('portal.invoices.selectedTotal', { total: formatMoney(selection.total) })}</strong>
          </p>
          <p class="hint">{waysToPay(methodsFor(payments, selection.total))}</p>
        </>
      ) : (
        <>
          <p class="pay-bar-total">{count}</p>
          <p id="pay-bar-why" class="pay-bar-why">
            {selection.kind === 'mixed'
              ? t('portal.invoices.mixedCurrencies', { currencies: selection.currencies.join(', ') })
              : t('portal.invoices.tooMany', { max: maxInvoicesPerCheckout })}
          </p>
        </>
      )}
      <BusyButton
        class="button button-primary button-block"
        pending={checkout.pending === 'selected'}
        disabled={selection.kind !== 'total' || checkout.pending !== null}
        describedBy={selection.kind === 'total' ? undefined : 'pay-bar-why'}
        onClick={() => checkout.pay('selected', { invoiceIds: invoices.map((i) => i.id) })}
      >
        {checkout.pending === 'selected' ? t('portal.pay.opening') : t('portal.invoices.paySelected')}
      </BusyButton>
      {failed && <ProblemMessage problem={failed} />}
    </section>
  );
}
