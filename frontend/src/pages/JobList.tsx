/**
 * `/{slug}/jobs`: the work history, upcoming and past, a page at a time. The selected tab is
 * kept in the URL (`?when=past`, replaced, not pushed) so a reload or the job page's back link
 * returns to it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JobSummary, MeResponse, Problem } from '../../../shared/api/contract';
import { api } from '../api';
import { BusyButton } from '../components/BusyButton';
import { JobCard } from '../components/JobCard';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { panelId, tabId, Tabs } from '../components/Tabs';
import { navigate, paths } from '../router';
import { forgetMe } from '../session';
import { useResource } from '../useResource';

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

interface More {
  when: When;
  items: JobSummary[];
  nextCursor: string | null;
}

export function JobList({ slug, me }: { slug: string; me: MeResponse }) {
  const [when, setWhen] = useState<When>(() => (lastWhen = whenFromUrl()));
  const [first, retry] = useResource((signal) => api.jobs({ when }, signal), [when]);
  const [more, setMore] = useState<More | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<Problem | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const timeZone = me.business.timeZone;

  function select(next: When) {
    if (next === when) return;
    lastWhen = next;
    history.replaceState(history.state, '', paths.jobs(slug, next));
    setWhen(next);
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

  const extra = more?.when === when ? more : null;
  const items = first.status === 'ok' ? [...first.data.items, ...(extra?.items ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : first.status === 'ok' ? first.data.nextCursor : null;

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreProblem(null);
    const result = await api.jobs({ when, cursor: nextCursor });
    setLoadingMore(false);
    if (!result.ok) {
      setMoreProblem(result.problem);
      return;
    }
    setMore({ when, items: [...(extra?.items ?? []), ...result.data.items], nextCursor: result.data.nextCursor });
    // Keyboard and screen-reader users continue from the first new job, not from the top.
    const firstNew = result.data.items[0];
    if (firstNew) setFocusId(`job-${firstNew.id}`);
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
