/**
 * The optional password, under the profile (part of the account pages' lazy chunk): set one,
 * change it, or remove it. The current password is asked for unless the customer signed in by a
 * link in the last 10 minutes; a first password needs that link sign-in (a session alone is not
 * enough proof). Every change signs out the customer's other browsers, and the page says how many.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PasswordChanged, PasswordStatus } from '../../../../shared/contract/customer/password';
import type { Problem } from '../../../../shared/contract/problem';
import { fieldErrors, request } from '../../api';
import { BusyButton } from '../../components/BusyButton';
import { FieldError, Loading, ProblemMessage } from '../../components/Status';
import { formatDateTime } from '../../format';
import { useResource } from '../../useResource';
import { t } from '../../i18n/current';
import { Saved } from './Saved';
import { useFocusOnError } from './focus';

export function PasswordSection({ timeZone, onSignedOut }: { timeZone: string; onSignedOut: () => void }) {
  const [loaded, retry] = useResource((signal) => request<PasswordStatus>('GET', '/api/me/password', undefined, signal), []);
  const [fresh, setFresh] = useState<PasswordStatus | null>(null);
  const status = fresh ?? (loaded.status === 'ok' ? loaded.data : null);
  const [password, setPassword] = useState('');
  const [current, setCurrent] = useState('');
  const [pending, setPending] = useState<'put' | 'delete' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const send = async (method: 'PUT' | 'DELETE', e?: Event) => {
    e?.preventDefault();
    setPending(method === 'PUT' ? 'put' : 'delete');
    setProblem(null);
    setSaved(null);
    const proof = status?.hasPassword && !status.recentlyVerified ? { currentPassword: current } : {};
    const result = await request<PasswordChanged>(method, '/api/me/password', method === 'PUT' ? { password, ...proof } : proof);
    setPending(null);
    if (result.ok) {
      setFresh(result.data);
      setPassword('');
      setCurrent('');
      const done = method === 'DELETE' ? t('portal.account.password.removed') : status?.hasPassword ? t('portal.account.password.changed') : t('portal.account.password.set');
      setSaved(`${done} ${t("portal.account.password.signedOutElsewhere", { count: result.data.signedOutElsewhere })}`.trim());
    } else if (result.status === 401) onSignedOut();
    else setProblem(result.problem);
  };

  const errors = problem ? fieldErrors(problem) : {};
  const currentField = useRef<HTMLInputElement>(null);
  const newField = useRef<HTMLInputElement>(null);
  // Signed in by link more than 10 minutes ago since the page loaded: the server now asks for the
  // current password, so its field appears.
  useEffect(() => {
    if (errors.currentPassword && status && status.recentlyVerified) setFresh({ ...status, recentlyVerified: false });
  }, [errors.currentPassword]);
  useFocusOnError(currentField, errors.currentPassword);
  useFocusOnError(newField, errors.password);
  if (!status) return loaded.status === 'error' && loaded.problem.status !== 401 ? <ProblemMessage problem={loaded.problem} retry={retry} /> : <Loading />;
  const needsCurrent = status.hasPassword && !status.recentlyVerified;
  const mayStart = status.hasPassword || status.recentlyVerified;
  return (
    <section class="section" aria-labelledby="account-password">
      <h2 id="account-password">{t('portal.account.password.title')}</h2>
      <p class="hint">
        {status.hasPassword && status.setAt ? t('portal.account.password.hasOne', { when: formatDateTime(status.setAt, timeZone) }) : t('portal.account.password.none')}
      </p>
      <Saved text={saved} />
      {!mayStart ? (
        <p class="notice">{t('portal.account.password.reauth')}</p>
      ) : (
        <form class="stack account-form" noValidate onSubmit={(e) => void send('PUT', e)}>
          {needsCurrent && (
            <div class="field">
              <label for="password-current">{t('portal.account.password.current')}</label>
              <input
                ref={currentField}
                id="password-current"
                type="password"
                autoComplete="current-password"
                value={current}
                onInput={(e) => setCurrent(e.currentTarget.value)}
                aria-invalid={errors.currentPassword ? 'true' : undefined}
                aria-describedby={errors.currentPassword ? 'password-current-error' : undefined}
              />
              <FieldError id="password-current-error" error={errors.currentPassword} />
            </div>
          )}
          <div class="field">
            <label for="password-new">{status.hasPassword ? t('portal.account.password.new') : t('portal.account.password.choose')}</label>
            <p id="password-new-hint" class="hint">
              {t('portal.account.password.rules')}
            </p>
            <input
              ref={newField}
              id="password-new"
              type="password"
              autoComplete="new-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              aria-invalid={errors.password ? 'true' : undefined}
              aria-describedby={['password-new-hint', errors.password ? 'password-new-error' : ''].filter(Boolean).join(' ')}
            />
            <FieldError id="password-new-error" error={errors.password} />
          </div>
          {problem && !errors.password && !errors.currentPassword && <ProblemMessage problem={problem} takeFocus />}
          <div class="card-actions">
            <BusyButton type="submit" class="button button-primary" pending={pending === 'put'} disabled={pending !== null}>
              {status.hasPassword ? t('portal.account.password.saveChange') : t('portal.account.password.saveNew')}
            </BusyButton>
            {status.hasPassword && (
              <BusyButton class="button button-secondary" pending={pending === 'delete'} disabled={pending !== null} onClick={() => void send('DELETE')}>
                {t('portal.account.password.remove')}
              </BusyButton>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
