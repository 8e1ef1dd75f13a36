import type { JobDetail } from '../../../../shared/api/contract';
import { formatDateTime } from '../../format';
import { Section } from './Section';

export function NotesSection({ job, timeZone }: { job: JobDetail; timeZone: string }) {
  return (
    <Section id="notes" title="Notes">
      {job.notes.length === 0 ? (
        <p class="empty-inline">No notes.</p>
      ) : (
        <ul class="plain-list notes">
          {job.notes.map((n) => (
            <li key={n.id} class="note">
              <p class="message-meta">
                {n.author} · <time dateTime={n.at}>{formatDateTime(n.at, timeZone)}</time>
              </p>
              <p class="prewrap">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
