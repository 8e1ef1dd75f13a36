/**
 * The job's conversation, oldest first (the API pages it newest first), with "Show earlier
 * messages" on top and a reply box under it.
 *
 * A reply shows at once as "Sending…". Each reply gets one Idempotency-Key that its retries
 * reuse: when a request reached the server but its answer was lost (a dropped connection, a
 * timeout, a 5xx), "Retry" gets the stored message back instead of storing it twice.
 */
import '../../lazy-kit';
import { useRef, useState } from 'preact/hooks';
import { safeParse } from 'valibot';
import { PostMessageRequest } from '../../../../shared/contract/customer/messages';
import { type Message } from '../../../../shared/contract/customer/jobs';
import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import type { Problem } from '../../../../shared/contract/problem';
import { api, type ApiResult, fieldErrors, networkProblem, newIdempotencyKey } from '../../api';
import { formatDateTime } from '../../format';
import { announce } from '../Announcer';
import { FieldError, ProblemMessage } from '../Status';
import { MoreButton } from './MoreButton';
import { Section } from './Section';
import { useSectionPages } from './useSectionPages';
import { t } from '../../i18n/current';

/** A reply still on its way, or refused: shown in the list, not yet stored. */
interface Outgoing {
  /** Stable for the list, whatever key the request carries. */
  localId: number;
  key: string;
  text: string;
  state: 'sending' | 'failed';
  problem: Problem | null;
  /**
   * Whether a retry must carry the same key: the server may have stored the message (dropped
   * connection, 5xx, 409 "still running"). After any other refusal nothing was stored, and the
   * key would only replay that refusal, so a retry gets a new one.
   */
  sameKey: boolean;
}

/** A send that has not answered by then counts as failed; its retry reuses the key, so it cannot double. */
export const SEND_TIMEOUT_MS = 30_000;

let lastLocalId = 0;

interface Props {
  job: JobDetail;
  timeZone: string;
  customerName: string;
  business: string;
  onSignedOut: () => void;
}

export function MessagesSection({ job, timeZone, customerName, business, onSignedOut }: Props) {
  const messages = useSectionPages({
    jobId: job.id,
    section: 'messages',
    first: job.messages,
    domId: (m) => `message-${m.id}`,
    oldestFirst: true,
    onSignedOut,
  });
  const [sent, setSent] = useState<Message[]>([]);
  const [outgoing, setOutgoing] = useState<Outgoing[]>([]);
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  const stored = messages.items.slice().reverse();
  const storedIds = new Set(stored.map((m) => m.id));
  const shown = [...stored, ...sent.filter((m) => !storedIds.has(m.id))];

  function change(localId: number, next: Partial<Outgoing> | null) {
    setOutgoing((list) => (next ? list.map((o) => (o.localId === localId ? { ...o, ...next } : o)) : list.filter((o) => o.localId !== localId)));
  }

  async function deliver(item: Outgoing) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
    let result: ApiResult<Message>;
    try {
      result = await api.postMessage(job.id, item.text, item.key, controller.signal);
    } catch {
      result = { ok: false, status: 0, problem: networkProblem() };
    } finally {
      clearTimeout(timer);
    }
    if (result.ok) {
      const stored = result.data;
      change(item.localId, null);
      setSent((list) => [...list.filter((m) => m.id !== stored.id), stored]);
      announce(t('portal.messages.sent'));
      return;
    }
    const { status, problem } = result;
    if (status === 401) {
      onSignedOut();
      return;
    }
    const textError = status === 400 ? fieldErrors(problem).text : undefined;
    if (textError && box.current && box.current.value.trim() === '') {
      // The text itself was refused: back into the box with the reason, as if never sent.
      change(item.localId, null);
      setText(item.text);
      setFieldError(t('portal.messages.refused', { reason: textError }));
      box.current.focus();
      announce(t('portal.messages.notSent'));
      return;
    }
    change(item.localId, { state: 'failed', problem, sameKey: status === 0 || status === 409 || status >= 500 });
    announce(t('portal.messages.notSent'));
  }

  function send(e: Event) {
    e.preventDefault();
    const parsed = safeParse(PostMessageRequest, { text });
    if (!parsed.success) {
      // The contract's rule, in the customer's words: empty, or too long.
      const issue = parsed.issues[0].type;
      setFieldError(
        issue === 'min_length'
          ? t('portal.messages.error.empty')
          : issue === 'max_length'
            ? t('portal.messages.error.tooLong', { max: 5000 })
            : t('portal.messages.refused', { reason: parsed.issues[0].message }),
      );
      box.current?.focus();
      return;
    }
    const item: Outgoing = { localId: ++lastLocalId, key: newIdempotencyKey(), text: parsed.output.text, state: 'sending', problem: null, sameKey: true };
    setOutgoing((list) => [...list, item]);
    setText('');
    setFieldError(null);
    // The Send button is disabled now the box is empty: keep focus in the box, not on <body>.
    box.current?.focus();
    void deliver(item);
  }

  function retry(item: Outgoing) {
    const again: Outgoing = { ...item, key: item.sameKey ? item.key : newIdempotencyKey(), state: 'sending', problem: null, sameKey: true };
    change(item.localId, again);
    box.current?.focus();
    void deliver(again);
  }

  function discard(item: Outgoing) {
    change(item.localId, null);
    box.current?.focus();
  }

  const describedBy = ['reply-hint', fieldError ? 'reply-error' : ''].filter(Boolean).join(' ');
  return (
    <Section id="messages" title={t('portal.messages.title')}>
      {messages.problem && <ProblemMessage problem={messages.problem} />}
      <MoreButton pages={messages} label={t('portal.messages.earlier')} />
      {shown.length === 0 && outgoing.length === 0 ? (
        <p class="empty-inline">{t('portal.messages.none')}</p>
      ) : (
        <ol class="messages">
          {shown.map((m) => (
            <li key={m.id} id={`message-${m.id}`} class={`message message-${m.from}`} tabIndex={-1}>
              <p class="message-meta">
                <span class="message-author">{m.from === 'customer' ? t('portal.messages.you', { name: m.author }) : m.author}</span>
                {' · '}
                <time dateTime={m.at}>{formatDateTime(m.at, timeZone)}</time>
              </p>
              <p class="prewrap">{m.text}</p>
            </li>
          ))}
          {outgoing.map((o) => (
            <li key={`outgoing-${o.localId}`} class={`message message-customer message-${o.state}`}>
              <p class="message-meta">
                <span class="message-author">{t('portal.messages.you', { name: customerName })}</span>
                {' · '}
                <span class="message-state">{o.state === 'sending' ? t('portal.signIn.sending') : t('portal.messages.state.notSent')}</span>
              </p>
              <p class="prewrap" id={`outgoing-${o.localId}-text`}>
                {o.text}
              </p>
              {o.state === 'failed' && (
                <>
                  {o.problem && <p class="message-problem">{o.problem.detail}</p>}
                  <p class="message-actions">
                    <button type="button" class="button button-secondary button-small" aria-describedby={`outgoing-${o.localId}-text`} onClick={() => retry(o)}>
                      {t('portal.messages.retry')}
                    </button>
                    <button type="button" class="button button-secondary button-small" aria-describedby={`outgoing-${o.localId}-text`} onClick={() => discard(o)}>
                      {t('portal.messages.discard')}
                    </button>
                  </p>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <form class="reply field" noValidate onSubmit={send}>
        <label for="reply">{t('portal.messages.label')}</label>
        <p id="reply-hint" class="hint">
          {t('portal.messages.hint', { business })}
        </p>
        <textarea
          ref={box}
          id="reply"
          name="text"
          rows={3}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            if (fieldError) setFieldError(null);
          }}
          aria-invalid={fieldError ? 'true' : undefined}
          aria-describedby={describedBy}
        />
        <FieldError id="reply-error" error={fieldError} />
        <button type="submit" class="button button-primary reply-send" disabled={text.trim() === ''}>
          {t('portal.messages.send')}
        </button>
      </form>
    </Section>
  );
}
