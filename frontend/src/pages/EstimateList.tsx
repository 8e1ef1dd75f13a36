/**
 * `/{slug}/estimates`: the customer's estimates, open (waiting for a decision), decided
 * (approved, scheduled or declined) and expired (not decided in time: still readable, and the
 * business can send a new one), a page at a time. The selected tab is kept in the URL
 * (`?status=decided`, replaced, not pushed) so a reload or the estimate page's back link returns
 * to it (useListTab).
 */
import type { MeResponse } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { EstimateCard } from '../components/EstimateCard';
import { Page } from '../components/Page';
import { TabbedList } from '../components/TabbedList';
import { paths } from '../router';
import { listTabs, useListTab } from '../useListTab';
import { usePagedList } from '../usePagedList';

export type EstimateTab = 'open' | 'decided' | 'expired';

const TABS = listTabs<EstimateTab>('status', [
  { id: 'open', label: 'Open' },
  { id: 'decided', label: 'Decided' },
  { id: 'expired', label: 'Expired' },
]);

const texts: Record<EstimateTab, { loading: string; empty: string; hint: (business: string) => string }> = {
  open: { loading: 'Loading open estimates…', empty: 'No estimates waiting for you.', hint: (business) => `When ${business} sends you an estimate, it will show up here.` },
  decided: { loading: 'Loading decided estimates…', empty: 'No decided estimates yet.', hint: () => 'Estimates you approve or decline will show up here.' },
  expired: { loading: 'Loading expired estimates…', empty: 'No expired estimates.', hint: (business) => `An estimate left undecided past its date shows up here. ${business} can send you a new one.` },
};

/** The tab last shown, for the estimate page's "All estimates" link. */
export const lastEstimatesTab = (): EstimateTab => TABS.last;

export function EstimateList({ slug, me }: { slug: string; me: MeResponse }) {
  const [status, select] = useListTab(TABS, (tab) => paths.estimates(slug, tab));
  const list = usePagedList(
    slug,
    status,
    (tab, cursor, signal) => api.estimates({ status: tab, cursor }, signal),
    (estimate) => `estimate-${estimate.id}`,
  );
  const business = me.business.name;

  return (
    <Page title="Estimates" business={business} busy={list.first.status === 'loading'}>
      <TabbedList
        label="Estimates"
        prefix="estimates"
        tabs={TABS.tabs}
        selected={status}
        onSelect={select}
        list={list}
        loading={texts[status].loading}
        empty={texts[status].empty}
        emptyHint={texts[status].hint(business)}
        card={(estimate) => <EstimateCard key={estimate.id} slug={slug} estimate={estimate} timeZone={me.business.timeZone} />}
      />
    </Page>
  );
}
