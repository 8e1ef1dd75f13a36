/**
 * Attachment download URLs are short-lived, so a tap on one that has (nearly) expired reads its
 * page of attachments again and follows the fresh URL.
 */
import { useState } from 'preact/hooks';
import type { Attachment, JobDetail } from '../../../../shared/contract/customer/jobs';
import type { Problem } from '../../../../shared/contract/problem';
import { formatFileSize } from '../../format';
import { isPlainLeftClick } from '../../router';
import { ProblemMessage } from '../Status';
import { MoreButton } from './MoreButton';
import { Section } from './Section';
import { useSectionPages } from './useSectionPages';
import { t } from '../../i18n/current';

/** Refresh a download URL this long before it expires, so the download itself does not fail. */
const URL_MARGIN_MS = 30_000;

export function isUrlStale(attachment: Attachment, now: number = Date.now()): boolean {
  return Date.parse(attachment.urlExpiresAt) - now < URL_MARGIN_MS;
}

const gone = (): Problem => ({
  type: 'about:blank',
  title: t('portal.attachments.gone.title'),
  status: 404,
  detail: t('portal.attachments.gone.detail'),
});

interface Props {
  job: JobDetail;
  onSignedOut: () => void;
  /** Follows a download URL (tests replace it). */
  open?: (url: string) => void;
}

export function AttachmentsSection({ job, onSignedOut, open = (url) => location.assign(url) }: Props) {
  const attachments = useSectionPages({ jobId: job.id, section: 'attachments', first: job.attachments, domId: (a) => `attachment-${a.id}`, onSignedOut });
  const [missing, setMissing] = useState<Problem | null>(null);

  /** The attachment's URL has expired: read its page again and follow the fresh URL. */
  async function refreshAndOpen(attachment: Attachment) {
    setMissing(null);
    const fresh = await attachments.reread(attachment.id);
    if (!fresh.ok) return;
    if (fresh.item) open(fresh.item.url);
    else setMissing(gone());
  }

  const problem = attachments.problem ?? missing;
  return (
    <Section id="attachments" title={t('portal.attachments.title')}>
      {attachments.items.length === 0 ? (
        <p class="empty-inline">{t('portal.attachments.none')}</p>
      ) : (
        <>
          <ul class="plain-list attachments">
            {attachments.items.map((a) => (
              <li key={a.id}>
                <a
                  id={`attachment-${a.id}`}
                  href={a.url}
                  rel="noreferrer"
                  onClick={(e) => {
                    if (!isPlainLeftClick(e) || !isUrlStale(a)) return;
                    e.preventDefault();
                    void refreshAndOpen(a);
                  }}
                >
                  {a.fileName}
                </a>{' '}
                <span class="hint">({formatFileSize(a.sizeBytes)})</span>
              </li>
            ))}
          </ul>
          <p class="hint">{t('portal.attachments.hint')}</p>
        </>
      )}
      {problem && <ProblemMessage problem={problem} />}
      <MoreButton pages={attachments} label={t('portal.attachments.more')} />
    </Section>
  );
}
