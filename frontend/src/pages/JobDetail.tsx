/**
 * `/{slug}/jobs/{jobId}`: one job, in sections. Messages, notes, attachments and payments come
 * a page at a time (newest first); each section reads older pages itself.
 */
import { useState } from 'preact/hooks';
import type { MeResponse } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { DetailPage } from '../components/DetailPage';
import { AttachmentsSection } from '../components/job/AttachmentsSection';
import { ChargesSection } from '../components/job/ChargesSection';
import { DetailsSection } from '../components/job/DetailsSection';
import { EstimatesSection } from '../components/job/EstimatesSection';
import { InvoicesSection } from '../components/job/InvoicesSection';
import { NotesSection } from '../components/job/NotesSection';
import { paths } from '../router';
import { useResource } from '../useResource';
import { loadMessagesSection } from '../lazy';
import { Loading, ProblemMessage } from '../components/Status';
import { useSignInWhenSignedOut } from '../useSignInWhenSignedOut';
import { lastJobsTab } from './JobList';
import { t } from '../i18n/current';

export function JobDetail({ slug, jobId, me }: { slug: string; jobId: string; me: MeResponse }) {
  const [loaded, retry] = useResource((signal) => api.job(jobId, signal), [jobId]);
  // The messages' code is a chunk of its own, fetched beside the job's read (lazy.ts).
  const [messagesCode, retryMessagesCode] = useResource(() => loadMessagesSection(), []);
  const Messages = messagesCode.status === 'ok' ? messagesCode.data.MessagesSection : null;
  /** A section's request found the session over. */
  const [sessionEnded, setSessionEnded] = useState(false);
  const job = loaded.status === 'ok' ? loaded.data : null;
  const problem = loaded.status === 'error' ? loaded.problem : null;
  const business = me.business.name;
  const timeZone = me.business.timeZone;
  useSignInWhenSignedOut(slug, problem?.status === 401 || sessionEnded);
  const onSignedOut = () => setSessionEnded(true);

  return (
    <DetailPage
      noun="job"
      listHref={paths.jobs(slug, lastJobsTab())}
      business={business}
      title={job && job.title}
      notFoundWhy={t('portal.detail.removedOrMistyped')}
      problem={problem}
      retry={retry}
    >
      {job && (
        <>
          <p class="job-number">{t('portal.job.numbered', { number: job.number })}</p>
          <DetailsSection job={job} timeZone={timeZone} />
          {/* Messages are a section the business may hide (settings portal.sections). */}
          {me.business.sections.includes('messages') &&
            (Messages ? (
              <Messages job={job} timeZone={timeZone} customerName={me.customer.name} business={business} onSignedOut={onSignedOut} />
            ) : messagesCode.status === 'error' ? (
              <ProblemMessage problem={messagesCode.problem} retry={retryMessagesCode} />
            ) : (
              <Loading />
            ))}
          <ChargesSection job={job} timeZone={timeZone} onSignedOut={onSignedOut} />
          <EstimatesSection slug={slug} job={job} />
          <InvoicesSection slug={slug} job={job} />
          <NotesSection job={job} timeZone={timeZone} onSignedOut={onSignedOut} />
          <AttachmentsSection job={job} onSignedOut={onSignedOut} />
        </>
      )}
    </DetailPage>
  );
}
