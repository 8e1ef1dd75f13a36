/**
 * `/{slug}/estimate#token=…`: an estimate link. The business sent the customer one estimate to
 * read and decide on, no sign-in needed: the token (sent as `Authorization: Link …`) opens that
 * estimate, its PDF, its decision, its deposit's checkout and its booking, nothing else, and it
 * never signs anyone in. The page is the signed-in estimate page's (EstimateBody).
 *
 * As on the pay link page (and with the same helpers, linkToken.ts), the token leaves the
 * address bar on load and is kept for this tab: Stripe sends the customer back here after the
 * deposit (`?checkout={checkoutId}`) without it. `GET /api/link` says what the link opens and for
 * which business; a sign-in link or a pay link is handed to its own page. Opening the page only
 * reads: a mail scanner opening it approves nothing and marks nothing viewed.
 *
 * A dead link says so, with how to reach the business: "not valid" for a missing or cut-off
 * token (never sent) or one the API cannot read (404); "expired or withdrawn" for a 410.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PortalInfo } from '../../../shared/api/contract';
import { api } from '../api';
import { AskForNewLink } from '../components/AskForNewLink';
import { Page } from '../components/Page';
import { Loading, ProblemMessage } from '../components/Status';
import { PublicLayout } from '../layouts/PublicLayout';
import { loadEstimateBody } from '../lazy';
import { forgetIfDead, takeLinkToken } from '../linkToken';
import { checkoutFromSearch, navigate, paths } from '../router';
import { forgetPayLink, keepPayLink, rememberPortal } from '../session';
import { withToken } from '../token';
import { usePortal } from '../usePortal';
import { notYet, useResource } from '../useResource';

function lookUp(token: string, slug: string, signal: AbortSignal) {
  return api.link(token, signal).then((result) => {
    if (result.ok) {
      const { kind, portal } = result.data;
      rememberPortal(portal);
      if (kind === 'sign-in') {
        // Not an estimate link: the sign-in link page, where signing in is the customer's choice.
        forgetPayLink();
        navigate(withToken(paths.link(portal.slug), token), { replace: true });
      } else if (kind === 'invoice') {
        navigate(withToken(paths.pay(portal.slug), token), { replace: true });
      } else if (portal.slug !== slug) {
        keepPayLink(portal.slug, token);
        history.replaceState(history.state, '', paths.estimateLink(portal.slug) + location.search);
      }
    }
    return forgetIfDead(result);
  });
}

export function EstimateLink({ slug }: { slug: string }) {
  const [token, setToken] = useState(() => takeLinkToken(slug));
  const [checkoutId] = useState(() => checkoutFromSearch(location.search));
  const [link, retryLink] = useResource((signal) => (token ? lookUp(token, slug, signal) : notYet), [token]);
  /** The portal in the URL: whom to contact about a link that names none. */
  const [urlPortal] = usePortal(slug);
  const opened = link.status === 'ok' && link.data.kind === 'estimate' ? link.data : null;
  const estimateId = opened?.id ?? null;
  const [loaded, retryEstimate] = useResource(
    (signal) => (token && estimateId ? api.estimate(estimateId, signal, token).then(forgetIfDead) : notYet),
    [estimateId, token],
  );

  // The page's code loads while the link is looked up.
  const [code, retryCode] = useResource(() => loadEstimateBody(), []);

  // A newer link pasted into this same tab changes only the fragment: no reload, so listen.
  useEffect(() => {
    const onHashChange = () => {
      if (location.hash) setToken(takeLinkToken(slug));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const linkPortal = opened?.portal ?? null;
  const fallback = urlPortal.status === 'ok' ? urlPortal.data : null;
  /** The portal this page speaks for: the link's own, else (no token, a link that names none) the URL's. */
  const portal: PortalInfo | null = linkPortal ?? fallback;
  const problem = link.status === 'error' ? link.problem : loaded.status === 'error' ? loaded.problem : code.status === 'error' ? code.problem : null;
  const retry = link.status === 'error' ? retryLink : loaded.status === 'error' ? retryEstimate : retryCode;
  const estimate = loaded.status === 'ok' ? loaded.data : null;
  const Body = code.status === 'ok' ? code.data.EstimateBody : null;

  let content;
  if (problem?.status === 410) {
    content = (
      <Page title="This link has expired or was withdrawn" business={portal?.name}>
        <p>
          An estimate link works until the estimate's valid-until date, and the business can withdraw one, for example
          when it sends a newer estimate.
        </p>
        <AskForNewLink portal={portal} />
      </Page>
    );
  } else if (!token || problem?.status === 404 || (link.status === 'ok' && !estimateId && link.data.kind === 'estimate')) {
    // No token, a cut-off one (never sent), or one the API cannot read.
    content = (
      <Page title="This link is not valid" business={portal?.name}>
        <p>Check that you opened the whole link from your email or text message; part of it may have been cut off.</p>
        <AskForNewLink portal={portal} />
      </Page>
    );
  } else if (problem?.status === 429) {
    content = (
      <Page title="Please wait a few minutes" business={portal?.name}>
        <p>This link was opened too many times from here in a short while. Wait a few minutes, then try again.</p>
        <p>
          <button type="button" class="button button-secondary" onClick={retry}>
            Try again
          </button>
        </p>
      </Page>
    );
  } else if (problem) {
    content = (
      <Page title="Your estimate" business={portal?.name}>
        <ProblemMessage problem={problem} retry={retry} />
      </Page>
    );
  } else if (!estimate || !linkPortal || !Body) {
    // Also while another kind of link is handed over to its page.
    content = (
      <Page title="Your estimate" business={portal?.name} busy>
        <Loading label="Opening your estimate…" />
      </Page>
    );
  } else {
    content = (
      <Page title={`Estimate ${estimate.number}`} business={linkPortal.name}>
        <Body
          slug={linkPortal.slug}
          portal={linkPortal}
          initial={estimate}
          link={token}
          checkoutId={checkoutId}
          onSignedOut={() => undefined}
        />
      </Page>
    );
  }

  return <PublicLayout slug={linkPortal?.slug ?? slug}>{content}</PublicLayout>;
}
