/**
 * The customer's own profile (part of the account pages' lazy chunk): their name, their email and
 * phone (each changed in two steps: a link or a code goes to the new address, and confirming it
 * switches), and which notices they want where. The emailed link opens this page with its token in
 * the fragment (`/{slug}/profile#token=…`): it leaves the address bar at once and confirms.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContactChangeStarted, NoticeChannel, NotificationChoices, NotificationTopic, PendingContactView, ProfileResponse } from '../../../../shared/contract/customer/profile';
import type { MeResponse } from '../../../../shared/contract/customer/portal';
import type { Problem } from '../../../../shared/contract/problem';
import type { MessageKey } from '../../../../shared/contract/i18n/keys';
import { formatPhone } from '../../../../shared/contract/phone';
import { fieldErrors, request } from '../../api';
import { BusyButton } from '../../components/BusyButton';
import { FieldError, Loading, ProblemMessage } from '../../components/Status';
import { parseContact } from '../../contact';
import { formatDateTime } from '../../format';
import { dropFragment } from '../../router';
import { readToken } from '../../token';
import { useResource } from '../../useResource';
import { useFocusWhen } from '../../useFocusWhen';
import { useSignInWhenSignedOut } from '../../useSignInWhenSignedOut';
import { t } from '../../i18n/current';
import { Saved } from './Saved';
import { useFocusBackWhenClosed, useFocusOnError } from './focus';
import { PasswordSection } from './PasswordSection';

const topics: readonly { topic: NotificationTopic; label: MessageKey }[] = [
  { topic: 'payments', label: 'portal.account.notices.payments' },
  { topic: 'documents', label: 'portal.account.notices.documents' },
  { topic: 'visits', label: 'portal.account.notices.visits' },
  { topic: 'messages', label: 'portal.account.notices.messages' },
];

/** What the page holds: the profile as last answered, and a 401 that sends the customer to sign in. */
function useProfile(slug: string) {
  const [loaded, retry] = useResource((signal) => request<ProfileResponse>('GET', '/api/me', undefined, signal), []);
  const [fresh, setFresh] = useState<ProfileResponse | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  useSignInWhenSignedOut(slug, signedOut || (loaded.status === 'error' && loaded.problem.status === 401));
  const profile = fresh ?? (loaded.status === 'ok' ? loaded.data : null);
  return { loaded, retry, profile, setFresh, setSignedOut };
}

type Profile = ReturnType<typeof useProfile>;

export function ProfileDetails({ slug, me }: { slug: string; me: MeResponse }) {
  const state = useProfile(slug);
  const { loaded, profile } = state;
  if (!profile) return loaded.status === 'error' && loaded.problem.status !== 401 ? <ProblemMessage problem={loaded.problem} retry={state.retry} /> : <Loading />;
  const timeZone = me.business.timeZone;
  return (
    <>
      <EmailLinkConfirmation state={state} />
      <section class="section" aria-labelledby="account-details">
        <h2 id="account-details">{t('portal.account.details')}</h2>
        <NameForm state={state} name={profile.customer.name} />
        <ContactField state={state} channel="email" current={profile.customer.email} pending={profile.account.pendingContacts.find((p) => p.channel === 'email')} timeZone={timeZone} />
        <ContactField state={state} channel="sms" current={profile.customer.phone} pending={profile.account.pendingContacts.find((p) => p.channel === 'sms')} timeZone={timeZone} />
      </section>
      <PasswordSection timeZone={timeZone} onSignedOut={() => state.setSignedOut(true)} />
      <NoticesForm state={state} business={me.business.name} />
    </>
  );
}

/** Answers a write: the new profile, or a 401 (to sign in), or the problem to show. */
function useWrite(state: Profile) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const send = async <T,>(method: 'PATCH' | 'POST', path: string, body: unknown): Promise<T | null> => {
    setPending(true);
    setProblem(null);
    const result = await request<T>(method, path, body);
    setPending(false);
    if (result.ok) return result.data;
    if (result.status === 401) state.setSignedOut(true);
    else setProblem(result.problem);
    return null;
  };
  return { pending, problem, setProblem, send };
}

function NameForm({ state, name }: { state: Profile; name: string }) {
  const [value, setValue] = useState(name);
  const [saved, setSaved] = useState<string | null>(null);
  const write = useWrite(state);
  const error = write.problem ? fieldErrors(write.problem).name : undefined;
  const field = useRef<HTMLInputElement>(null);
  useFocusOnError(field, error);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const answer = await write.send<ProfileResponse>('PATCH', '/api/me', { name: value.trim() });
    if (answer) {
      state.setFresh(answer);
      setSaved(t('portal.account.saved'));
    }
  };
  return (
    <form class="stack account-form" noValidate onSubmit={submit}>
      <div class="field">
        <label for="profile-name">{t('portal.account.name')}</label>
        <input ref={field} id="profile-name" type="text" autoComplete="name" value={value} onInput={(e) => setValue(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'profile-name-error' : undefined} />
        <FieldError id="profile-name-error" error={error} />
      </div>
      {write.problem && !error && <ProblemMessage problem={write.problem} />}
      <Saved text={saved} />
      <BusyButton type="submit" class="button button-secondary" pending={write.pending} disabled={value.trim() === name}>
        {t('portal.account.saveName')}
      </BusyButton>
    </form>
  );
}

/**
 * The email or the phone: shown, and changed in two steps. A texted code is typed here; an emailed
 * link is opened (it brings the customer back to this page).
 */
function ContactField({ state, channel, current, pending, timeZone }: { state: Profile; channel: NoticeChannel; current: string | null; pending: PendingContactView | undefined; timeZone: string }) {
  const isEmail = channel === 'email';
  const kind = isEmail ? 'email' : 'phone';
  const id = `profile-${kind}`;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ask = useWrite(state);
  const confirm = useWrite(state);
  const input = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const currentInput = useRef<HTMLInputElement>(null);
  const [currentPassword, setCurrentPassword] = useState<string | null>(null);
  const toggle = useFocusBackWhenClosed(editing);
  const shown = current ? (isEmail ? current : formatPhone(current)) : t('portal.account.none');
  // The form replaced the button that opened it: focus goes on, to its field.
  useFocusWhen(input, editing);

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const parsed = parseContact(kind, value);
    if (!parsed.ok) {
      setInvalid(parsed.message);
      input.current?.focus();
      return;
    }
    setInvalid(null);
    const proof = currentPassword !== null ? { currentPassword } : {};
    const answer = await ask.send<ContactChangeStarted>('POST', '/api/me/contact', { [kind]: parsed.value, ...proof });
    if (answer && state.profile) {
      const others = state.profile.account.pendingContacts.filter((p) => p.channel !== channel);
      state.setFresh({ ...state.profile, account: { ...state.profile.account, pendingContacts: [...others, answer.pending] } });
      setEditing(false);
      setValue('');
      setCurrentPassword(null);
    }
  };
  const submitCode = async (e: Event) => {
    e.preventDefault();
    const answer = await confirm.send<ProfileResponse>('POST', '/api/me/contact/confirm', { code: code.trim() });
    if (answer) {
      state.setFresh(answer);
      setCode('');
      setDone(t('portal.account.contact.changed.phone', { address: formatPhone(answer.customer.phone ?? '') }));
    }
  };
  const askError = invalid ?? (ask.problem ? fieldErrors(ask.problem)[kind] : undefined);
  // The customer has a password and signed in a while ago: the server asks for it as proof.
  const currentError = ask.problem ? fieldErrors(ask.problem).currentPassword : undefined;
  const codeError = confirm.problem ? fieldErrors(confirm.problem).code : undefined;
  useEffect(() => {
    if (currentError && currentPassword === null) setCurrentPassword('');
  }, [currentError]);
  useFocusOnError(input, askError);
  useFocusOnError(currentInput, currentError);
  useFocusOnError(codeInput, codeError);
  return (
    <div class="contact-field">
      <h3 class="field-label">{isEmail ? t('portal.account.email') : t('portal.account.phone')}</h3>
      <p class="contact-value">{shown}</p>
      <Saved text={done} />
      {pending && (
        <div class="notice" role="status">
          <p>
            {isEmail
              ? t('portal.account.contact.linkSent', { to: pending.to, time: formatDateTime(pending.expiresAt, timeZone) })
              : t('portal.account.contact.codeSent', { to: pending.to, time: formatDateTime(pending.expiresAt, timeZone) })}
          </p>
          {!isEmail && (
            <form class="stack" noValidate onSubmit={submitCode}>
              <div class="field">
                <label for="profile-code">{t('portal.account.contact.code')}</label>
                <input
                  ref={codeInput}
                  id="profile-code"
                  type="text"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  value={code}
                  onInput={(e) => setCode(e.currentTarget.value)}
                  aria-invalid={codeError ? 'true' : undefined}
                  aria-describedby={codeError ? 'profile-code-error' : undefined}
                />
                <FieldError id="profile-code-error" error={codeError} />
              </div>
              {confirm.problem && !codeError && <ProblemMessage problem={confirm.problem} takeFocus />}
              <BusyButton type="submit" class="button button-primary" pending={confirm.pending}>
                {t('portal.account.contact.confirm')}
              </BusyButton>
            </form>
          )}
        </div>
      )}
      {editing ? (
        <form class="stack account-form" noValidate onSubmit={submit}>
          <div class="field">
            <label for={id}>{isEmail ? t('portal.account.contact.newEmail') : t('portal.account.contact.newPhone')}</label>
            <p id={`${id}-hint`} class="hint">
              {isEmail ? t('portal.account.contact.emailHint') : t('portal.account.contact.phoneHint')}
            </p>
            <input
              ref={input}
              id={id}
              type={isEmail ? 'email' : 'tel'}
              autoComplete={isEmail ? 'email' : 'tel'}
              inputMode={isEmail ? 'email' : 'tel'}
              spellcheck={false}
              value={value}
              onInput={(e) => setValue(e.currentTarget.value)}
              aria-invalid={askError ? 'true' : undefined}
              aria-describedby={[`${id}-hint`, askError ? `${id}-error` : ''].filter(Boolean).join(' ')}
            />
            <FieldError id={`${id}-error`} error={askError} />
          </div>
          {currentPassword !== null && (
            <div class="field">
              <label for={`${id}-current`}>{t('portal.account.password.current')}</label>
              <input
                ref={currentInput}
                id={`${id}-current`}
                type="password"
                autoComplete="current-password"
                value={currentPassword}
                onInput={(e) => setCurrentPassword(e.currentTarget.value)}
                aria-invalid={currentError ? 'true' : undefined}
                aria-describedby={currentError ? `${id}-current-error` : undefined}
              />
              <FieldError id={`${id}-current-error`} error={currentError} />
            </div>
          )}
          {ask.problem && !askError && !currentError && <ProblemMessage problem={ask.problem} takeFocus />}
          <div class="card-actions">
            <BusyButton type="submit" class="button button-primary" pending={ask.pending}>
              {isEmail ? t('portal.account.contact.sendLink') : t('portal.account.contact.sendCode')}
            </BusyButton>
            <button type="button" class="button button-secondary" onClick={() => setEditing(false)}>
              {t('portal.account.contact.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button
          ref={toggle}
          type="button"
          class="button button-secondary"
          onClick={() => {
            setEditing(true);
            setDone(null);
          }}
        >
          {isEmail ? t('portal.account.contact.changeEmail') : t('portal.account.contact.changePhone')}
        </button>
      )}
    </div>
  );
}

/** Where the emailed link's token waits, in this tab, while its customer signs in first. */
const waitingTokenKey = 'portal.contact-token';

/**
 * The emailed link opened this page: its token leaves the address bar and confirms the change. Not
 * signed in, it waits in this tab's storage while the customer signs in (a password sign-in comes
 * back here), then confirms.
 */
function EmailLinkConfirmation({ state }: { state: Profile }) {
  const [token] = useState(() => {
    const found = location.hash ? readToken(location.hash) : null;
    if (location.hash) dropFragment();
    if (found) return found;
    try {
      const waiting = sessionStorage.getItem(waitingTokenKey);
      sessionStorage.removeItem(waitingTokenKey);
      return waiting;
    } catch {
      return null;
    }
  });
  const [outcome, setOutcome] = useState<{ done: string } | { problem: Problem } | null>(null);
  useEffect(() => {
    if (!token) return;
    void request<ProfileResponse>('POST', '/api/me/contact/confirm', { token }).then((result) => {
      if (result.ok) {
        state.setFresh(result.data);
        setOutcome({ done: t('portal.account.contact.changed.email', { address: result.data.customer.email ?? '' }) });
      } else if (result.status === 401) {
        try {
          sessionStorage.setItem(waitingTokenKey, token);
        } catch {
          // No storage: the link can be opened again once signed in.
        }
        state.setSignedOut(true);
      } else setOutcome({ problem: result.problem });
    });
  }, [token]);
  if (!token) return null;
  if (!outcome) return <Loading label={t('portal.account.contact.confirming')} />;
  return 'done' in outcome ? <Saved text={outcome.done} /> : <ProblemMessage problem={outcome.problem} takeFocus />;
}

/** Which notices, where: a row per topic, a box per channel the customer has an address on. */
function NoticesForm({ state, business }: { state: Profile; business: string }) {
  const profile = state.profile!;
  const [choices, setChoices] = useState<NotificationChoices>(profile.account.notifications);
  const [saved, setSaved] = useState<string | null>(null);
  const write = useWrite(state);
  const has: Record<NoticeChannel, boolean> = { email: profile.customer.email !== null, sms: profile.customer.phone !== null };
  const toggle = (topic: NotificationTopic, channel: NoticeChannel, on: boolean) => {
    setSaved(null);
    setChoices({ ...choices, [topic]: { ...choices[topic], [channel]: on } });
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const answer = await write.send<ProfileResponse>('PATCH', '/api/me', { notifications: choices });
    if (answer) {
      state.setFresh(answer);
      setSaved(t('portal.account.notices.saved'));
    }
  };
  return (
    <section class="section" aria-labelledby="account-notices">
      <h2 id="account-notices">{t('portal.account.notices.title')}</h2>
      <p class="hint">{t('portal.account.notices.intro', { business })}</p>
      {profile.account.textsStopped && profile.customer.phone && (
        <p class="notice">{t('portal.account.notices.stopped', { phone: formatPhone(profile.customer.phone) })}</p>
      )}
      <form class="stack" noValidate onSubmit={submit}>
        {topics.map(({ topic, label }) => (
          <fieldset class="notice-topic" key={topic}>
            <legend>{t(label)}</legend>
            {(['email', 'sms'] as const).map((channel) => (
              <label class="check" key={channel}>
                <input type="checkbox" name={`${topic}-${channel}`} checked={has[channel] && choices[topic][channel]} disabled={!has[channel]} onChange={(e) => toggle(topic, channel, e.currentTarget.checked)} />
                <span>{channel === 'email' ? t('portal.account.notices.byEmail') : t('portal.account.notices.byText')}</span>
              </label>
            ))}
          </fieldset>
        ))}
        {write.problem && <ProblemMessage problem={write.problem} />}
        <Saved text={saved} />
        <BusyButton type="submit" class="button button-primary" pending={write.pending}>
          {t('portal.account.notices.save')}
        </BusyButton>
      </form>
    </section>
  );
}
