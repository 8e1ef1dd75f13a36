import type { Attachment, JobDetail, Problem } from '../../../../shared/api/contract';
import { formatFileSize } from '../../format';
import { isPlainLeftClick } from '../../router';
import { ProblemMessage } from '../Status';
import { Section } from './Section';

/** Refresh a download URL this long before it expires, so the download itself does not fail. */
const URL_MARGIN_MS = 30_000;

export function isUrlStale(attachment: Attachment, now: number = Date.now()): boolean {
  return Date.parse(attachment.urlExpiresAt) - now < URL_MARGIN_MS;
}

interface Props {
  job: JobDetail;
  /** Called instead of following a link whose URL has (nearly) expired. */
  onStale: (attachment: Attachment) => void;
  problem: Problem | null;
}

export function AttachmentsSection({ job, onStale, problem }: Props) {
  return (
    <Section id="attachments" title="Attachments">
      {job.attachments.length === 0 ? (
        <p class="empty-inline">No attachments.</p>
      ) : (
        <>
          <ul class="plain-list attachments">
            {job.attachments.map((a) => (
              <li key={a.id}>
                <a
                  href={a.url}
                  rel="noreferrer"
                  onClick={(e) => {
                    if (!isPlainLeftClick(e) || !isUrlStale(a)) return;
                    e.preventDefault();
                    onStale(a);
                  }}
                >
                  {a.fileName}
                </a>{' '}
                <span class="hint">({formatFileSize(a.sizeBytes)})</span>
              </li>
            ))}
          </ul>
          <p class="hint">Download links expire after a few minutes; if one has, we fetch a fresh one when you tap it.</p>
        </>
      )}
      {problem && <ProblemMessage problem={problem} />}
    </Section>
  );
}
