/**
 * `/{slug}/jobs`: the work history, upcoming and past, a page at a time. The selected tab is
 * kept in the URL (`?when=past`, replaced, not pushed) so a reload or the job page's back link
 * returns to it.
 */
import { useState } from 'preact/hooks';
import type { MeResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { BusyButton } from '../components/BusyButton';
import { JobCard } from '../components/JobCard';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { panelId, tabId, Tabs } from '../components/Tabs';
import { paths } from '../router';
import { usePagedList } from '../usePagedList';

export type When = 'upcoming' | 'past';

const TABS = [
  { id: 'upcoming' as const, label: 'Upcoming' },
  { id: 'past' as const, label: 'Past' },
];

/** The tab last shown, for the job page's "All jobs" link. */
let lastWhen: When = 'upcoming';
export const lastJobsTab = (): When => lastWhen;

function whenFromUrl(): When {
  return new URLSearchParams(location.search).get('when') === 'past' ? 'past' : 'upcoming';
}

export function JobList({ slug, me }: { slug: string; me: MeResponse }) {
  const [when, setWhen] = useState<When>(() => (lastWhen = whenFromUrl()));
  const { first, retry, items, nextCursor, loadMore, loadingMore, moreProblem } = usePagedList(
    slug,
    when,
    (tab, cursor, signal) => api.jobs({ when: tab, cursor }, signal),
    (job) => `job-${job.id}`,
  );
  const timeZone = me.business.timeZone;

  function select(next: When) {
    if (next === when) return;
    lastWhen = next;
    history.replaceState(history.state, '', paths.jobs(slug, next));
    setWhen(next);
  }

  return (
    <Page title="Work history" business={me.business.name} busy={first.status === 'loading'}>
      <Tabs label="Jobs" prefix="jobs" tabs={TABS} selected={when} onSelect={select} />
      <div class="tab-panel" role="tabpanel" id={panelId('jobs', when)} aria-labelledby={tabId('jobs', when)} tabIndex={0}>
        {first.status === 'loading' && <Loading label={when === 'upcoming' ? 'Loading upcoming jobs…' : 'Loading past jobs…'} />}
        {first.status === 'error' && first.problem.status !== 401 && <ProblemMessage problem={first.problem} retry={retry} />}
        {first.status === 'ok' && items.length === 0 && (
          <div class="empty">
            <p>{when === 'upcoming' ? 'No upcoming visits.' : 'No past jobs yet.'}</p>
            <p class="hint">
              {when === 'upcoming'
                ? `When ${me.business.name} schedules a visit, it will show up here.`
                : 'Finished jobs will show up here.'}
            </p>
          </div>
        )}
        {items.length > 0 && (
          <ul class="card-list">
            {items.map((job) => (
              <JobCard key={job.id} slug={slug} job={job} timeZone={timeZone} />
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
