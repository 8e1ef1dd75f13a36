/**
 * `/{slug}/estimate#token=…`: an estimate link. The business sent the customer one estimate to
 * read and decide on, no sign-in needed: the token (sent as `Authorization: Link …`) opens that
 * estimate, its PDF, its decision, its deposit's checkout and its booking, nothing else, and it
 * never signs anyone in. The page is the signed-in estimate page's (EstimateBody).
 *
 * As on the pay link page (and with the same hook, useLinkedDocument.ts), the token leaves the
 * address bar on load and is kept for this tab: Stripe sends the customer back here after the
 * deposit (`?checkout={checkoutId}`) without it. `GET /api/link` says what the link opens and for
 * which business; a sign-in link or a pay link is handed to its own page. Opening the page only
 * reads: a mail scanner opening it approves nothing and marks nothing viewed.
 *
 * A dead link says so, with how to reach the business, in the pay link page's words
 * (LinkStatusPage.tsx): "not valid" for a missing or cut-off token (never sent) or one the API
 * cannot read (404); "expired or withdrawn" for a 410.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { linkStatusPage } from '../components/LinkStatusPage';
import { Page } from '../components/Page';
import { PublicLayout } from '../layouts/PublicLayout';
import { loadEstimateBody } from '../lazy';
import { checkoutFromSearch, paths } from '../router';
import { useLinkedDocument } from '../useLinkedDocument';
import { useResource } from '../useResource';
import { t } from '../i18n/current';

export function EstimateLink({ slug }: { slug: string }) {
  const [checkoutId] = useState(() => checkoutFromSearch(location.search));
  const link = useLinkedDocument(slug, {
    kind: 'estimate',
    read: (id, token, signal) => api.estimate(id, signal, token),
    // Keeps `?checkout=`: the customer is back from paying the deposit.
    here: (portalSlug) => paths.estimateLink(portalSlug) + location.search,
  });
  const { token, linkPortal, loaded: estimate, invalid } = link;

  // The page's code loads while the link is looked up.
  const [code, retryCode] = useResource(() => loadEstimateBody(), []);
  const Body = code.status === 'ok' ? code.data.EstimateBody : null;
  const problem = link.problem ?? (code.status === 'error' ? code.problem : null);
  const retry = link.problem ? link.retry : retryCode;

  let content;
  if (!estimate || !linkPortal || !Body || invalid || problem) {
    content = linkStatusPage({
      noun: 'estimate',
      expiredWhy: t('portal.estimateLink.expiredWhy'),
      portal: link.portal,
      invalid,
      problem,
      retry,
    });
  } else {
    content = (
      <Page title={t('portal.estimate.numbered', { number: estimate.number })} business={linkPortal.name}>
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
