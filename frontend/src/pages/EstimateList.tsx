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
import type { MessageKey } from '../../../shared/contract/i18n/keys';
import { t } from '../i18n/current';

export type EstimateTab = 'open' | 'decided' | 'expired';

// Labels are read at each render, in the language shown then.
const TABS = listTabs<EstimateTab>('status', [
  {
    id: 'open',
    get label() {
      return t('portal.estimates.tab.open');
    },
  },
  {
    id: 'decided',
    get label() {
      return t('portal.estimates.tab.decided');
    },
  },
  {
    id: 'expired',
    get label() {
      return t('portal.estimates.tab.expired');
    },
  },
]);

const texts: Record<EstimateTab, { loading: MessageKey; empty: MessageKey; hint: MessageKey }> = {
  open: { loading: 'portal.estimates.loading.open', empty: 'portal.estimates.empty.open', hint: 'portal.estimates.hint.open' },
  decided: { loading: 'portal.estimates.loading.decided', empty: 'portal.estimates.empty.decided', hint: 'portal.estimates.hint.decided' },
  expired: { loading: 'portal.estimates.loading.expired', empty: 'portal.estimates.empty.expired', hint: 'portal.estimates.hint.expired' },
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
    <Page title={t('portal.nav.estimates')} business={business} busy={list.first.status === 'loading'}>
      <TabbedList
        label={t('portal.nav.estimates')}
        prefix="estimates"
        tabs={TABS.tabs}
        selected={status}
        onSelect={select}
        list={list}
        loading={t(texts[status].loading)}
        empty={t(texts[status].empty)}
        emptyHint={t(texts[status].hint, { business })}
        card={(estimate) => <EstimateCard key={estimate.id} slug={slug} estimate={estimate} timeZone={me.business.timeZone} />}
      />
    </Page>
  );
}
