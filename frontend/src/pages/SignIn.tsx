/**
 * `/{slug}/`: ask for a sign-in link by email or text message. The API answers 202 whether or
 * not it knows the address (so the page cannot be used to test addresses); the next page says
 * so honestly.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../../shared/contract/problem';
import type { SignInLinkRequest } from '../../../shared/contract/customer/auth';
import { api, fieldErrors } from '../api';
import { BusyButton } from '../components/BusyButton';
import { Page } from '../components/Page';
import { FieldError, Loading, ProblemMessage } from '../components/Status';
import { type ContactKind, parseContact } from '../contact';
import { navigate, paths, returnToFromSearch } from '../router';
import { loadMe, readPendingSignIn, savePendingSignIn } from '../session';
import { usePortal } from '../usePortal';
import { useFocusWhen } from '../useFocusWhen';
import { PortalNotFound } from './NotFound';
import { t } from '../i18n/current';
import { loadPasswordSignIn } from '../lazy';
import type { PortalSection } from '../../../shared/contract/customer/portal';

export function SignIn({ slug }: { slug: string }) {
  const [portal, retry] = usePortal(slug);
  /** The page the customer was sent here from (rule 67): the sign-in link brings them back to it. */
  const [returnTo] = useState(() => returnToFromSearch(slug, location.search));

  useEffect(() => {
    let live = true;
    // Already signed in to this portal: straight to the page asked for, else the work history.
    void loadMe().then((me) => {
      if (live && me.ok && me.data.business.slug === slug) navigate(returnTo ?? paths.landing(slug, me.data.business.sections), { replace: true });
    });
    return () => {
      live = false;
    };
  }, [slug]);

  if (portal.status === 'error' && portal.problem.status === 404) return <PortalNotFound />;
  const name = portal.status === 'ok' ? portal.data.name : null;
  return (
    <Page title={t('portal.signIn.title')} business={name} busy={portal.status === 'loading'}>
      {portal.status === 'loading' && <Loading />}
      {portal.status === 'error' && <ProblemMessage problem={portal.problem} retry={retry} />}
      {portal.status === 'ok' && (
        <>
          <p>{t('portal.signIn.intro', { business: portal.data.name })}</p>
          <WithPassword slug={slug} sections={portal.data.sections} returnTo={returnTo} />
        </>
      )}
    </Page>
  );
}

/**
 * The link form, or (when asked for) email and password in its place: that form's code loads then
 * (lazy.ts). One form at a time, so the page never has two email fields.
 */
function WithPassword({ slug, sections, returnTo }: { slug: string; sections: PortalSection[]; returnTo: string | null }) {
  const [code, setCode] = useState<Awaited<ReturnType<typeof loadPasswordSignIn>> | null>(null);
  const [byPassword, setByPassword] = useState(false);
  const back = useRef<HTMLButtonElement>(null);
  const [cameBack, setCameBack] = useState(false);
  // Back from the password form: focus on the button that opened it, not lost on the page.
  useFocusWhen(back, cameBack);
  if (byPassword && code?.ok) return <code.data.PasswordSignIn slug={slug} sections={sections} returnTo={returnTo} onLink={() => {
          setByPassword(false);
          setCameBack(true);
        }} />;
  return (
    <>
      <SignInForm slug={slug} returnTo={returnTo} />
      {code && !code.ok && <ProblemMessage problem={code.problem} />}
      <button
        ref={back}
        type="button"
        class="button button-secondary button-block"
        onClick={() =>
          void loadPasswordSignIn().then((loaded) => {
            setCameBack(false);
            setCode(loaded);
            setByPassword(loaded.ok);
          })
        }
      >
        {t('portal.signIn.password.use')}
      </button>
    </>
  );
}

function SignInForm({ slug, returnTo }: { slug: string; returnTo: string | null }) {
  const [previous] = useState(() => readPendingSignIn(slug));
  const [kind, setKind] = useState<ContactKind>(previous?.kind ?? 'email');
  const [values, setValues] = useState<Record<ContactKind, string>>({
    email: previous?.kind === 'email' ? previous.shown : '',
    phone: previous?.kind === 'phone' ? previous.shown : '',
  });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function choose(next: ContactKind) {
    setKind(next);
    setFieldError(null);
  }

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    const shown = values[kind].trim();
    const parsed = parseContact(kind, shown);
    if (!parsed.ok) {
      setFieldError(parsed.message);
      input.current?.focus();
      return;
    }
    setFieldError(null);
    setPending(true);
    const back = returnTo ? { returnTo } : {};
    const body: SignInLinkRequest = kind === 'email' ? { portal: slug, email: parsed.value, ...back } : { portal: slug, phone: parsed.value, ...back };
    const result = await api.requestLink(body);
    setPending(false);
    if (result.ok) {
      savePendingSignIn({ portal: slug, kind, shown, value: parsed.value, returnTo });
      navigate(paths.check(slug));
      return;
    }
    const fields = fieldErrors(result.problem);
    const forField = fields[kind];
    if (forField) {
      setFieldError(t('portal.signIn.fieldRefused', { kind, message: forField }));
      input.current?.focus();
    } else {
      setProblem(result.problem);
    }
  }

  const isEmail = kind === 'email';
  const describedBy = ['contact-hint', fieldError ? 'contact-error' : ''].filter(Boolean).join(' ');
  return (
    <form class="stack" noValidate onSubmit={submit}>
      <fieldset class="segmented">
        <legend>{t('portal.signIn.sendBy')}</legend>
        <div class="segmented-options">
          {(['email', 'phone'] as const).map((option) => (
            <label key={option}>
              <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => choose(option)} />
              <span>{option === 'email' ? t('portal.signIn.byEmail') : t('portal.signIn.byText')}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="contact">{t('portal.signIn.contactLabel', { kind })}</label>
        <p id="contact-hint" class="hint">
          {isEmail ? t('portal.signIn.emailHint') : t('portal.signIn.phoneHint')}
        </p>
        <input
          ref={input}
          id="contact"
          key={kind}
          name={kind}
          type={isEmail ? 'email' : 'tel'}
          autoComplete={isEmail ? 'email' : 'tel'}
          inputMode={isEmail ? 'email' : 'tel'}
          spellcheck={false}
          value={values[kind]}
          onInput={(e) => setValues({ ...values, [kind]: e.currentTarget.value })}
          aria-invalid={fieldError ? 'true' : undefined}
          aria-describedby={describedBy}
        />
        <FieldError id="contact-error" error={fieldError} />
      </div>
      {problem && <ProblemMessage problem={problem} />}
      <BusyButton type="submit" class="button button-primary button-block" pending={pending}>
        {pending ? t('portal.signIn.sending') : t('portal.signIn.send')}
      </BusyButton>
    </form>
  );
}
