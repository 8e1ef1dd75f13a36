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

export function CheckInbox({ slug }: { slug: string }) {
  const [portal] = usePortal(slug);
  const [pending] = useState(() => readPendingSignIn(slug));
  if (portal.status === 'error' && portal.problem.status === 404) return <PortalNotFound />;
  const name = portal.status === 'ok' ? portal.data.name : null;

  if (!pending) {
    return (
      <Page title="Check for your sign-in link" business={name}>
        <p>Open the sign-in link we sent you. If you can't find it, or it has expired, ask for a new one.</p>
        <p>
          <Link class="button button-primary" href={paths.signIn(slug)}>
            Ask for a sign-in link
          </Link>
        </p>
      </Page>
    );
  }

  const isEmail = pending.kind === 'email';
  return (
    <Page title={isEmail ? 'Check your inbox' : 'Check your phone'} business={name}>
      <p class="lead">
        If <strong class="address">{pending.shown}</strong> is the {isEmail ? 'email address' : 'mobile number'}{' '}
        {name ?? 'your service company'} has for you, a sign-in link is on its way.
      </p>
      <p>
        Open it and tap <strong>Sign in</strong>. The link works once and expires after a short time.
        {isEmail && " It can take a minute to arrive; check your spam folder if it doesn't."}
      </p>
      <Resend slug={slug} pending={pending} />
      <p>
        <Link href={paths.signIn(slug, pending.returnTo)}>Use a different {isEmail ? 'email address' : 'mobile number'}</Link>
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
        {sending ? 'Sending…' : 'Send a new link'}
      </BusyButton>
      <div role="status">
        {sent && <p class="notice notice-success">A new link is on its way. Only the newest link works.</p>}
      </div>
      {problem && <ProblemMessage problem={problem} />}
    </div>
  );
}
