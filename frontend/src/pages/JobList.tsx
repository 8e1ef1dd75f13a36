/**
 * `/{slug}/jobs`: the work history, upcoming and past, a page at a time. The selected tab is
 * kept in the URL (`?when=past`, replaced, not pushed) so a reload or the job page's back link
 * returns to it (useListTab).
 */
import type { MeResponse } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { JobCard } from '../components/JobCard';
import { Page } from '../components/Page';
import { TabbedList } from '../components/TabbedList';
import { paths } from '../router';
import { listTabs, useListTab } from '../useListTab';
import { usePagedList } from '../usePagedList';
import { t } from '../i18n/current';

export type When = 'upcoming' | 'past';

// Labels are read at each render, in the language shown then.
const TABS = listTabs<When>('when', [
  {
    id: 'upcoming',
    get label() {
      return t('portal.jobs.tab.upcoming');
    },
  },
  {
    id: 'past',
    get label() {
      return t('portal.jobs.tab.past');
    },
  },
]);

/** The tab last shown, for the job page's "All jobs" link. */
export const lastJobsTab = (): When => TABS.last;

export function JobList({ slug, me }: { slug: string; me: MeResponse }) {
  const [when, select] = useListTab(TABS, (tab) => paths.jobs(slug, tab));
  const list = usePagedList(
    slug,
    when,
    (tab, cursor, signal) => api.jobs({ when: tab, cursor }, signal),
    (job) => `job-${job.id}`,
  );
  const business = me.business.name;

  return (
    <Page title={t('portal.nav.jobs')} business={business} busy={list.first.status === 'loading'}>
      <TabbedList
        label={t('portal.jobs.tabs')}
        prefix="jobs"
        tabs={TABS.tabs}
        selected={when}
        onSelect={select}
        list={list}
        loading={when === 'upcoming' ? t('portal.jobs.loading.upcoming') : t('portal.jobs.loading.past')}
        empty={when === 'upcoming' ? t('portal.jobs.empty.upcoming') : t('portal.jobs.empty.past')}
        emptyHint={when === 'upcoming' ? t('portal.jobs.hint.upcoming', { business }) : t('portal.jobs.hint.past')}
        card={(job) => <JobCard key={job.id} slug={slug} job={job} timeZone={me.business.timeZone} />}
      />
    </Page>
  );
}
