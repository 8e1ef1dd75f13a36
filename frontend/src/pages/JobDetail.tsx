/**
 * `/{slug}/jobs/{jobId}`: one job, in sections. Attachment download URLs are short-lived, so a
 * click on one that has (nearly) expired fetches the job again and follows the fresh URL.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Attachment, JobDetail as Job, MeResponse, Problem } from '../../../shared/api/contract';
import { api } from '../api';
import { AttachmentsSection } from '../components/job/AttachmentsSection';
import { ChargesSection } from '../components/job/ChargesSection';
import { DetailsSection } from '../components/job/DetailsSection';
import { MessagesSection } from '../components/job/MessagesSection';
import { NotesSection } from '../components/job/NotesSection';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { navigate, paths } from '../router';
import { forgetMe } from '../session';
import { useResource } from '../useResource';
import { lastJobsTab } from './JobList';

export function JobDetail({ slug, jobId, me }: { slug: string; jobId: string; me: MeResponse }) {
  const [loaded, retry] = useResource((signal) => api.job(jobId, signal), [jobId]);
  const [fresh, setFresh] = useState<Job | null>(null);
  const [refreshProblem, setRefreshProblem] = useState<Problem | null>(null);
  const job = fresh ?? (loaded.status === 'ok' ? loaded.data : null);
  const business = me.business.name;
  const back = (
    <Link class="back-link" href={paths.jobs(slug, lastJobsTab())}>
      All jobs
    </Link>
  );

  const signedOut = (loaded.status === 'error' && loaded.problem.status === 401) || refreshProblem?.status === 401;
  useEffect(() => {
    if (signedOut) {
      forgetMe();
      navigate(paths.signIn(slug), { replace: true });
    }
  }, [signedOut]);

  /** The attachment's URL has expired: fetch the job again and follow the fresh URL. */
  async function refreshAndOpen(attachment: Attachment) {
    setRefreshProblem(null);
    const result = await api.job(jobId);
    if (!result.ok) {
      setRefreshProblem(result.problem);
      return;
    }
    setFresh(result.data);
    const again = result.data.attachments.find((a) => a.id === attachment.id);
    if (again) location.assign(again.url);
  }

  if (loaded.status === 'error' && loaded.problem.status === 404) {
    return (
      <Page title="Job not found" business={business} before={back}>
        <p>We couldn't find this job. It may have been removed, or the link may be mistyped.</p>
      </Page>
    );
  }

  return (
    <Page title={job ? job.title : 'Job'} business={business} busy={loaded.status === 'loading'} before={back}>
      {loaded.status === 'loading' && <Loading label="Loading job…" />}
      {loaded.status === 'error' && loaded.problem.status !== 401 && <ProblemMessage problem={loaded.problem} retry={retry} />}
      {job && (
        <>
          <p class="job-number">Job {job.number}</p>
          <DetailsSection job={job} timeZone={me.business.timeZone} />
          <MessagesSection job={job} timeZone={me.business.timeZone} />
          <ChargesSection job={job} timeZone={me.business.timeZone} />
          <NotesSection job={job} timeZone={me.business.timeZone} />
          <AttachmentsSection job={job} onStale={refreshAndOpen} problem={refreshProblem} />
        </>
      )}
    </Page>
  );
}
