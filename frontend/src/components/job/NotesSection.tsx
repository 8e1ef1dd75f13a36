import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatDateTime } from '../../format';
import { ProblemMessage } from '../Status';
import { MoreButton } from './MoreButton';
import { Section } from './Section';
import { useSectionPages } from './useSectionPages';
import { t } from '../../i18n/current';

interface Props {
  job: JobDetail;
  timeZone: string;
  onSignedOut: () => void;
}

export function NotesSection({ job, timeZone, onSignedOut }: Props) {
  const notes = useSectionPages({ jobId: job.id, section: 'notes', first: job.notes, domId: (n) => `note-${n.id}`, onSignedOut });
  return (
    <Section id="notes" title={t('portal.notes.title')}>
      {notes.items.length === 0 ? (
        <p class="empty-inline">{t('portal.notes.none')}</p>
      ) : (
        <ul class="plain-list notes">
          {notes.items.map((n) => (
            <li key={n.id} id={`note-${n.id}`} class="note" tabIndex={-1}>
              <p class="message-meta">
                {n.author} · <time dateTime={n.at}>{formatDateTime(n.at, timeZone)}</time>
              </p>
              <p class="prewrap">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      {notes.problem && <ProblemMessage problem={notes.problem} />}
      <MoreButton pages={notes} label={t('portal.notes.more')} />
    </Section>
  );
}
