/**
 * `/{slug}/estimates`: the customer's estimates, open (waiting for a decision) and decided
 * (approved, scheduled or declined), a page at a time. The selected tab is kept in the URL
 * (`?status=decided`, replaced, not pushed) so a reload or the estimate page's back link returns
 * to it.
 */
import { useState } from 'preact/hooks';
import type { MeResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { BusyButton } from '../components/BusyButton';
import { EstimateCard } from '../components/EstimateCard';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { panelId, tabId, Tabs } from '../components/Tabs';
import { paths } from '../router';
import { usePagedList } from '../usePagedList';

export type EstimateTab = 'open' | 'decided';

const TABS = [
  { id: 'open' as const, label: 'Open' },
  { id: 'decided' as const, label: 'Decided' },
];

/** The tab last shown, for the estimate page's "All estimates" link. */
let lastStatus: EstimateTab = 'open';
export const lastEstimatesTab = (): EstimateTab => lastStatus;

function statusFromUrl(): EstimateTab {
  return new URLSearchParams(location.search).get('status') === 'decided' ? 'decided' : 'open';
}

export function EstimateList({ slug, me }: { slug: string; me: MeResponse }) {
  const [status, setStatus] = useState<EstimateTab>(() => (lastStatus = statusFromUrl()));
  const { first, retry, items, nextCursor, loadMore, loadingMore, moreProblem } = usePagedList(
    slug,
    status,
    (tab, cursor, signal) => api.estimates({ status: tab, cursor }, signal),
    (estimate) => `estimate-${estimate.id}`,
  );
  const business = me.business.name;

  function select(next: EstimateTab) {
    if (next === status) return;
    lastStatus = next;
    history.replaceState(history.state, '', paths.estimates(slug, next));
    setStatus(next);
  }

  return (
    <Page title="Estimates" business={business} busy={first.status === 'loading'}>
      <Tabs label="Estimates" prefix="estimates" tabs={TABS} selected={status} onSelect={select} />
      <div class="tab-panel" role="tabpanel" id={panelId('estimates', status)} aria-labelledby={tabId('estimates', status)} tabIndex={0}>
        {first.status === 'loading' && <Loading label={status === 'open' ? 'Loading open estimates…' : 'Loading decided estimates…'} />}
        {first.status === 'error' && first.problem.status !== 401 && <ProblemMessage problem={first.problem} retry={retry} />}
        {first.status === 'ok' && items.length === 0 && (
          <div class="empty">
            <p>{status === 'open' ? 'No estimates waiting for you.' : 'No decided estimates yet.'}</p>
            <p class="hint">
              {status === 'open' ? `When ${business} sends you an estimate, it will show up here.` : 'Estimates you approve or decline will show up here.'}
            </p>
          </div>
        )}
        {items.length > 0 && (
          <ul class="card-list">
            {items.map((estimate) => (
              <EstimateCard key={estimate.id} slug={slug} estimate={estimate} timeZone={me.business.timeZone} />
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
