/**
 * `/{slug}/link#token=…`: where a sign-in link lands. Mail scanners open every link in an email
 * and some run its script, so nothing here uses the token until a person presses "Sign in".
 * The only request on load is the portal's public name and colours, which carries no token.
 * The token lives in the URL fragment: it never reaches a server log or a Referer header.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../../shared/api/contract';
import { api } from '../api';
import { BusyButton } from '../components/BusyButton';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ProblemMessage } from '../components/Status';
import { navigate, paths } from '../router';
import { forgetMe } from '../session';
import { readToken } from '../token';
import { usePortal } from '../usePortal';

function dropFragment(): void {
  history.replaceState(history.state, '', location.pathname + location.search);
}

export function LinkLanding({ slug }: { slug: string }) {
  const [portal] = usePortal(slug);
  const [token, setToken] = useState(() => readToken(location.hash));
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  // A newer link pasted into this same tab changes only the fragment: no reload, so listen.
  useEffect(() => {
    const onHashChange = () => {
      if (!location.hash) return;
      setToken(readToken(location.hash));
      setProblem(null);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const name = portal.status === 'ok' ? portal.data.name : null;

  if (!token) {
    return (
      <Page title="This sign-in link is incomplete" business={name}>
        <p>
          The link is missing its sign-in code, or part of it was cut off. Open the link again from your email or text
          message, or ask for a new one.
        </p>
        <p>
          <Link class="button button-primary" href={paths.signIn(slug)}>
            Ask for a new sign-in link
          </Link>
        </p>
      </Page>
    );
  }

  async function signIn() {
    setPending(true);
    setProblem(null);
    const result = await api.verify({ token: token! });
    if (result.ok) {
      forgetMe();
      dropFragment();
      navigate(paths.jobs(result.data.portal || slug), { replace: true });
      return;
    }
    // A used, expired or replaced link: the token is worth nothing now, keep it out of the history.
    if (result.status === 401) dropFragment();
    setPending(false);
    setProblem(result.problem);
  }

  return (
    <Page title="Sign in" business={name} heading={name ? `Sign in to ${name}` : 'Sign in'}>
      {problem ? (
        <ProblemMessage problem={problem} takeFocus={problem.status === 401}>
          <p>
            <Link href={paths.signIn(slug)}>Ask for a new sign-in link</Link>
          </p>
        </ProblemMessage>
      ) : (
        <p>Tap the button to finish signing in. If you didn't ask for this link, you can close this page.</p>
      )}
      {(!problem || problem.status !== 401) && (
        <BusyButton class="button button-primary button-large button-block" onClick={signIn} pending={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </BusyButton>
      )}
    </Page>
  );
}
