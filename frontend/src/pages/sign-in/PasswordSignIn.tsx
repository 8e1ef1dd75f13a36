/**
 * Email and password on the sign-in page (a lazy chunk: most customers sign in by link, and the
 * first load has no room to spare). Every way of being wrong gets the one answer the server gives;
 * a 429 says how long to wait. A link is always the way back in.
 */
import '../../lazy-kit';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PortalSection } from '../../../../shared/contract/customer/portal';
import type { VerifyResponse } from '../../../../shared/contract/customer/auth';
import type { Problem } from '../../../../shared/contract/problem';
import { fieldErrors, request } from '../../api';
import { BusyButton } from '../../components/BusyButton';
import { FieldError, ProblemMessage } from '../../components/Status';
import { parseContact } from '../../contact';
import { navigate, paths } from '../../router';
import { forgetMe } from '../../session';
import { t } from '../../i18n/current';

export function PasswordSignIn({ slug, sections, returnTo, onLink }: { slug: string; sections: PortalSection[]; returnTo: string | null; onLink: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  // It replaced the button that asked for it: focus goes on, to its first field.
  useEffect(() => emailInput.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    const parsed = parseContact('email', email);
    if (!parsed.ok) {
      setInvalid(parsed.message);
      emailInput.current?.focus();
      return;
    }
    setInvalid(null);
    setPending(true);
    const result = await request<VerifyResponse>('POST', '/api/auth/password', { portal: slug, email: parsed.value, password });
    setPending(false);
    if (result.ok) {
      forgetMe();
      navigate(returnTo ?? paths.landing(slug, sections), { replace: true });
      return;
    }
    setPassword('');
    setProblem(result.problem);
  };
  const emailError = invalid ?? (problem ? fieldErrors(problem).email : undefined);
  return (
    <form class="stack" noValidate onSubmit={submit} aria-labelledby="password-sign-in">
      <h2 id="password-sign-in">{t('portal.signIn.password.title')}</h2>
      <div class="field">
        <label for="sign-in-email">{t('portal.signIn.password.email')}</label>
        <input
          ref={emailInput}
          id="sign-in-email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellcheck={false}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          aria-invalid={emailError ? 'true' : undefined}
          aria-describedby={emailError ? 'sign-in-email-error' : undefined}
        />
        <FieldError id="sign-in-email-error" error={emailError} />
      </div>
      <div class="field">
        <label for="sign-in-password">{t('portal.signIn.password.password')}</label>
        <input id="sign-in-password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </div>
      {problem && !emailError && <ProblemMessage problem={problem} takeFocus />}
      <BusyButton type="submit" class="button button-primary button-block" pending={pending}>
        {t('portal.signIn.password.submit')}
      </BusyButton>
      <p class="hint">{t('portal.signIn.password.forgot')}</p>
      <button type="button" class="button button-secondary button-block" onClick={onLink}>
        {t('portal.signIn.password.useLink')}
      </button>
    </form>
  );
}
