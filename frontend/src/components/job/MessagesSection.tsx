import type { JobDetail } from '../../../../shared/api/contract';
import { formatDateTime } from '../../format';
import { Section } from './Section';

export function MessagesSection({ job, timeZone }: { job: JobDetail; timeZone: string }) {
  return (
    <Section id="messages" title="Messages">
      {job.messages.length === 0 ? (
        <p class="empty-inline">No messages about this job yet.</p>
      ) : (
        <ol class="messages">
          {job.messages.map((m) => (
            <li key={m.id} class={`message message-${m.from}`}>
              <p class="message-meta">
                <span class="message-author">{m.from === 'customer' ? `You (${m.author})` : m.author}</span>
                {' · '}
                <time dateTime={m.at}>{formatDateTime(m.at, timeZone)}</time>
              </p>
              <p class="prewrap">{m.text}</p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
