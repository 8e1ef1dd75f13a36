/**
 * `/{slug}/estimates`: the customer's estimates, open (waiting for a decision) and decided
 * (approved, scheduled or declined), a page at a time. The selected tab is kept in the URL
 * (`?status=decided`, replaced, not pushed) so a reload or the estimate page's back link returns
 * to it (useListTab).
 */
import type { MeResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { EstimateCard } from '../components/EstimateCard';
import { Page } from '../components/Page';
import { TabbedList } from '../components/TabbedList';
import { paths } from '../router';
import { listTabs, useListTab } from '../useListTab';
import { usePagedList } from '../usePagedList';

export type EstimateTab = 'open' | 'decided';

const TABS = listTabs<EstimateTab>('status', [
  { id: 'open', label: 'Open' },
  { id: 'decided', label: 'Decided' },
]);

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
        loading={status === 'open' ? 'Loading open estimates…' : 'Loading decided estimates…'}
        empty={status === 'open' ? 'No estimates waiting for you.' : 'No decided estimates yet.'}
        emptyHint={status === 'open' ? `When ${business} sends you an estimate, it will show up here.` : 'Estimates you approve or decline will show up here.'}
        card={(estimate) => <EstimateCard key={estimate.id} slug={slug} estimate={estimate} timeZone={me.business.timeZone} />}
      />
    </Page>
  );
}
