/**
 * `/{slug}/invoices`: the customer's invoices, open (something left to pay) and paid, a page at
 * a time. The selected tab is kept in the URL (`?status=paid`, replaced, not pushed) so a reload
 * or the invoice page's back link returns to it.
 *
 * Paying comes next: the loaded invoices are one list (`items`), so a checkbox per card and a
 * "Pay selected" bar under the list can be added here without changing how pages are read.
 */
import { useEffect, useState } from 'preact/hooks';
import type { InvoiceSummary, MeResponse, Problem } from '../../../shared/api/contract';
import { api } from '../api';
import { BusyButton } from '../components/BusyButton';
import { InvoiceCard } from '../components/InvoiceCard';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { panelId, tabId, Tabs } from '../components/Tabs';
import { navigate, paths } from '../router';
import { forgetMe } from '../session';
import { useResource } from '../useResource';

export type InvoiceTab = 'open' | 'paid';

const TABS = [
  { id: 'open' as const, label: 'Open' },
  { id: 'paid' as const, label: 'Paid' },
];

/** The tab last shown, for the invoice page's "All invoices" link. */
let lastStatus: InvoiceTab = 'open';
export const lastInvoicesTab = (): InvoiceTab => lastStatus;

function statusFromUrl(): InvoiceTab {
  return new URLSearchParams(location.search).get('status') === 'paid' ? 'paid' : 'open';
}

interface More {
  status: InvoiceTab;
  items: InvoiceSummary[];
  nextCursor: string | null;
}

export function InvoiceList({ slug, me }: { slug: string; me: MeResponse }) {
  const [status, setStatus] = useState<InvoiceTab>(() => (lastStatus = statusFromUrl()));
  const [first, retry] = useResource((signal) => api.invoices({ status }, signal), [status]);
  const [more, setMore] = useState<More | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<Problem | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const business = me.business.name;
  const timeZone = me.business.timeZone;

  function select(next: InvoiceTab) {
    if (next === status) return;
    lastStatus = next;
    history.replaceState(history.state, '', paths.invoices(slug, next));
    setStatus(next);
    setMore(null);
    setMoreProblem(null);
  }

  const signedOut = (first.status === 'error' && first.problem.status === 401) || moreProblem?.status === 401;
  useEffect(() => {
    if (signedOut) {
      forgetMe();
      navigate(paths.signIn(slug), { replace: true });
    }
  }, [signedOut]);

  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId]);

  const extra = more?.status === status ? more : null;
  const items = first.status === 'ok' ? [...first.data.items, ...(extra?.items ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : first.status === 'ok' ? first.data.nextCursor : null;

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreProblem(null);
    const result = await api.invoices({ status, cursor: nextCursor });
    setLoadingMore(false);
    if (!result.ok) {
      setMoreProblem(result.problem);
      return;
    }
    setMore({ status, items: [...(extra?.items ?? []), ...result.data.items], nextCursor: result.data.nextCursor });
    // Keyboard and screen-reader users continue from the first new invoice, not from the top.
    const firstNew = result.data.items[0];
    if (firstNew) setFocusId(`invoice-${firstNew.id}`);
  }

  return (
    <Page title="Invoices" business={business} busy={first.status === 'loading'}>
      <Tabs label="Invoices" prefix="invoices" tabs={TABS} selected={status} onSelect={select} />
      <div class="tab-panel" role="tabpanel" id={panelId('invoices', status)} aria-labelledby={tabId('invoices', status)} tabIndex={0}>
        {first.status === 'loading' && <Loading label={status === 'open' ? 'Loading open invoices…' : 'Loading paid invoices…'} />}
        {first.status === 'error' && first.problem.status !== 401 && <ProblemMessage problem={first.problem} retry={retry} />}
        {first.status === 'ok' && items.length === 0 && (
          <div class="empty">
            <p>{status === 'open' ? "You're all paid up." : 'No paid invoices yet.'}</p>
            <p class="hint">
              {status === 'open'
                ? `When ${business} sends you an invoice, it will show up here.`
                : 'Invoices you have paid will show up here.'}
            </p>
          </div>
        )}
        {items.length > 0 && (
          <ul class="card-list">
            {items.map((invoice) => (
              <InvoiceCard key={invoice.id} slug={slug} invoice={invoice} timeZone={timeZone} />
            ))}
          </ul>
        )}
        {moreProblem && moreProblem.status !== 401 && <ProblemMessage problem={moreProblem} />}
        {first.status === 'ok' && nextCursor && (
          <BusyButton class="button button-secondary button-block" onClick={loadMore} pending={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </BusyButton>
        )}
      </div>
    </Page>
  );
}
