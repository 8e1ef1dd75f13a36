/**
 * `/{slug}/jobs/{jobId}`: one job, in sections. Messages, notes, attachments and payments come
 * a page at a time (newest first); each section reads older pages itself.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MeResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { AttachmentsSection } from '../components/job/AttachmentsSection';
import { ChargesSection } from '../components/job/ChargesSection';
import { DetailsSection } from '../components/job/DetailsSection';
import { EstimatesSection } from '../components/job/EstimatesSection';
import { InvoicesSection } from '../components/job/InvoicesSection';
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
  /** A section's request found the session over. */
  const [sessionEnded, setSessionEnded] = useState(false);
  const job = loaded.status === 'ok' ? loaded.data : null;
  const business = me.business.name;
  const timeZone = me.business.timeZone;
  const back = (
    <Link class="back-link" href={paths.jobs(slug, lastJobsTab())}>
      All jobs
    </Link>
  );

  const signedOut = (loaded.status === 'error' && loaded.problem.status === 401) || sessionEnded;
  useEffect(() => {
    if (signedOut) {
      forgetMe();
      navigate(paths.signIn(slug), { replace: true });
    }
  }, [signedOut]);
  const onSignedOut = () => setSessionEnded(true);

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
          <DetailsSection job={job} timeZone={timeZone} />
          <MessagesSection job={job} timeZone={timeZone} customerName={me.customer.name} business={business} onSignedOut={onSignedOut} />
          <ChargesSection job={job} timeZone={timeZone} onSignedOut={onSignedOut} />
          <EstimatesSection slug={slug} job={job} />
          <InvoicesSection slug={slug} job={job} />
          <NotesSection job={job} timeZone={timeZone} onSignedOut={onSignedOut} />
          <AttachmentsSection job={job} onSignedOut={onSignedOut} />
        </>
      )}
    </Page>
  );
}
