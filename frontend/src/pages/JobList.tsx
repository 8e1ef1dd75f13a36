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

export type When = 'upcoming' | 'past';

const TABS = listTabs<When>('when', [
  { id: 'upcoming', label: 'Upcoming' },
  { id: 'past', label: 'Past' },
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
    <Page title="Work history" business={business} busy={list.first.status === 'loading'}>
      <TabbedList
        label="Jobs"
        prefix="jobs"
        tabs={TABS.tabs}
        selected={when}
        onSelect={select}
        list={list}
        loading={when === 'upcoming' ? 'Loading upcoming jobs…' : 'Loading past jobs…'}
        empty={when === 'upcoming' ? 'No upcoming visits.' : 'No past jobs yet.'}
        emptyHint={when === 'upcoming' ? `When ${business} schedules a visit, it will show up here.` : 'Finished jobs will show up here.'}
        card={(job) => <JobCard key={job.id} slug={slug} job={job} timeZone={me.business.timeZone} />}
      />
    </Page>
  );
}
