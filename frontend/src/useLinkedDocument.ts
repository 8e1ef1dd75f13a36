/**
 * What a pay link's or an estimate link's page loads, the same way on both: the token (linkToken.ts;
 * a newer link pasted into the same tab replaces it), what `GET /api/link` says it opens and for
 * which business, and then the invoice or estimate itself, read with the token.
 *
 * A link of another kind is handed to its own page; one of this page's kind that belongs to
 * another business corrects the URL's slug (history, not a navigation) and is kept under it.
 * Opening the page only reads: a mail scanner opening it changes nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LinkResponse } from '../../shared/contract/customer/links';
import type { PortalInfo } from '../../shared/contract/customer/portal';
import type { Problem } from '../../shared/contract/problem';
import { api, type ApiResult } from './api';
import { forgetIfDead, takeLinkToken } from './linkToken';
import { navigate, paths } from './router';
import { forgetPayLink, keepPayLink, loadLink, rememberPortal } from './session';
import { withToken } from './token';
import { usePortal } from './usePortal';
import { notYet, useResource } from './useResource';

/** The kinds of link a page of their own opens without a session. */
type DocumentLink = 'invoice' | 'estimate' | 'form';

/** Where each kind of link is opened. */
const pageFor: Record<LinkResponse['kind'], (slug: string) => string> = {
  'sign-in': paths.link,
  invoice: paths.pay,
  estimate: paths.estimateLink,
  tracking: paths.track,
  form: paths.formLink,
};

interface Options<T> {
  /** The kind of link this page opens. */
  kind: DocumentLink;
  /** Reads what the link opens, with the link's token instead of a session. */
  read: (id: string, token: string, signal: AbortSignal) => Promise<ApiResult<T>>;
  /** This page's address under another business's slug (the URL is corrected to it). */
  here: (slug: string) => string;
}

export interface LinkedDocument<T> {
  token: string | null;
  /** The business the link belongs to, once the lookup has named it. */
  linkPortal: PortalInfo | null;
  /** Whom the page speaks for: the link's business, else (no token, a link that names none) the URL's. */
  portal: PortalInfo | null;
  /** The invoice or estimate, once read. */
  loaded: T | null;
  /** The link can open nothing: no token (missing or cut off, so never sent), or a lookup that names no invoice or estimate. */
  invalid: boolean;
  /** The lookup's or the read's refusal. */
  problem: Problem | null;
  /** Asks again for what was refused. */
  retry: () => void;
}

function lookUp(token: string, slug: string, { kind, here }: Options<unknown>) {
  return loadLink(token).then((result) => {
    if (result.ok) {
      const { kind: opens, portal } = result.data;
      rememberPortal(portal);
      if (opens !== kind) {
        // Another kind of link (or one this tab kept for it): its own page. A sign-in link is no
        // pay or estimate link to keep; its page signs in only if the customer chooses to.
        if (opens === 'sign-in') forgetPayLink();
        // The tracking page is another entry (track.html): a page load, not an in-app navigation.
        if (opens === 'tracking') location.replace(withToken(pageFor[opens](portal.slug), token));
        else navigate(withToken(pageFor[opens](portal.slug), token), { replace: true });
      } else if (portal.slug !== slug) {
        keepPayLink(portal.slug, token);
        history.replaceState(history.state, '', here(portal.slug));
      }
    }
    return forgetIfDead(result);
  });
}

export function useLinkedDocument<T>(slug: string, options: Options<T>): LinkedDocument<T> {
  const [token, setToken] = useState(() => takeLinkToken(slug));
  const [link, retryLink] = useResource(() => (token ? lookUp(token, slug, options) : notYet), [token]);
  /** The portal in the URL: whom to contact about a link that names none. */
  const [urlPortal] = usePortal(slug);
  const opened = link.status === 'ok' && link.data.kind === options.kind ? link.data : null;
  const id = opened?.id ?? null;
  const [loaded, retryDocument] = useResource(
    (signal) => (token && id ? options.read(id, token, signal).then(forgetIfDead) : notYet),
    [id, token],
  );

  // A newer link pasted into this same tab changes only the fragment: no reload, so listen.
  useEffect(() => {
    const onHashChange = () => {
      if (location.hash) setToken(takeLinkToken(slug));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const linkPortal = opened?.portal ?? null;
  return {
    token,
    linkPortal,
    portal: linkPortal ?? (urlPortal.status === 'ok' ? urlPortal.data : null),
    loaded: loaded.status === 'ok' ? loaded.data : null,
    invalid: !token || (opened !== null && !id),
    problem: link.status === 'error' ? link.problem : loaded.status === 'error' ? loaded.problem : null,
    retry: link.status === 'error' ? retryLink : retryDocument,
  };
}
