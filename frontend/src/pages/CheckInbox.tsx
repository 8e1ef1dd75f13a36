/**
 * `/{slug}/check`: after asking for a link. Says where it went (remembered for this tab only),
 * lets the customer ask again (only the newest link works) or use another address.
 */
import { useState } from 'preact/hooks';
import type { Problem } from '../../../shared/contract/problem';
import type { SignInLinkRequest } from '../../../shared/contract/customer/auth';
import { api } from '../api';
import { BusyButton } from '../components/BusyButton';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ProblemMessage } from '../components/Status';
import { paths, returnToOf } from '../router';
import { type PendingSignIn, readPendingSignIn } from '../session';
import { usePortal } from '../usePortal';
import { PortalNotFound } from './NotFound';
import { t, tx } from '../i18n/current';

export function CheckInbox({ slug }: { slug: string }) {
  const [portal] = usePortal(slug);
  const [pending] = useState(() => readPendingSignIn(slug));
  if (portal.status === 'error' && portal.problem.status === 404) return <PortalNotFound />;
  const name = portal.status === 'ok' ? portal.data.name : null;

  if (!pending) {
    return (
      <Page title={t('portal.check.noPending.title')} business={name}>
        <p>{t('portal.check.noPending.text')}</p>
        <p>
          <Link class="button button-primary" href={paths.signIn(slug)}>
            {t('portal.check.ask')}
          </Link>
        </p>
      </Page>
    );
  }

  const isEmail = pending.kind === 'email';
  return (
    <Page title={t('portal.check.title', { kind: pending.kind })} business={name}>
      <p class="lead">
        {name
          ? tx('portal.check.onItsWay', { kind: pending.kind, address: <strong class="address">{pending.shown}</strong>, business: name })
          : tx('portal.check.onItsWayNoName', { kind: pending.kind, address: <strong class="address">{pending.shown}</strong> })}
      </p>
      <p>
        {tx('portal.check.openIt', { signIn: <strong>{t('portal.signIn.button')}</strong> })}
        {isEmail && ` ${t('portal.check.spam')}`}
      </p>
      <Resend slug={slug} pending={pending} />
      <p>
        <Link href={paths.signIn(slug, pending.returnTo)}>{t('portal.check.different', { kind: pending.kind })}</Link>
      </p>
    </Page>
  );
}

function Resend({ slug, pending }: { slug: string; pending: PendingSignIn }) {
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function resend() {
    setSending(true);
    setSent(false);
    setProblem(null);
    const returnTo = returnToOf(slug, pending.returnTo);
    const body: SignInLinkRequest =
      pending.kind === 'email' ? { portal: slug, email: pending.value, ...(returnTo ? { returnTo } : {}) } : { portal: slug, phone: pending.value, ...(returnTo ? { returnTo } : {}) };
    const result = await api.requestLink(body);
    setSending(false);
    if (result.ok) setSent(true);
    else setProblem(result.problem);
  }

  return (
    <div class="stack">
      <BusyButton class="button button-secondary" onClick={resend} pending={sending}>
        {sending ? t('portal.signIn.sending') : t('portal.check.resend')}
      </BusyButton>
      <div role="status">
        {sent && <p class="notice notice-success">{t('portal.check.resent')}</p>}
      </div>
      {problem && <ProblemMessage problem={problem} />}
    </div>
  );
}
