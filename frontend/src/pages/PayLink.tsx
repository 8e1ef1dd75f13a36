/**
 * `/{slug}/pay#token=…`: a pay link. The business sent the customer one invoice to pay, no
 * sign-in needed: the token (sent as `Authorization: Link …`) opens that invoice, a checkout of it
 * and that checkout's status, nothing else, and it never signs anyone in.
 *
 * On load the token leaves the address bar (so it is in no history entry or shared URL) and is
 * kept in this tab's sessionStorage: Stripe sends the customer back here on a cancel, or to the
 * return page, without it. `GET /api/link` then says what the link opens and for which business:
 * the page is branded for it and the URL's slug corrected, as on the sign-in link page; a sign-in
 * link or an estimate link is handed to its own page. Opening the page only reads: a mail scanner
 * opening it changes nothing.
 *
 * A dead link says so and how to reach the business for a new one: "not valid" for a missing or
 * cut-off token (never sent) or one the API cannot read (404); "expired or withdrawn" for what the
 * API answers 410 (expired, withdrawn, or a well-formed token it does not know).
 */
import { useEffect, useState } from 'preact/hooks';
import type { PortalInfo } from '../../../shared/api/contract';
import { api } from '../api';
import { AskForNewLink } from '../components/AskForNewLink';
import { BusinessContact } from '../components/BusinessContact';
import { InvoiceBody } from '../components/InvoiceBody';
import { Page } from '../components/Page';
import { PayInvoice } from '../components/PayInvoice';
import { Loading, ProblemMessage } from '../components/Status';
import { PublicLayout } from '../layouts/PublicLayout';
import { forgetIfDead, takeLinkToken } from '../linkToken';
import { canPay } from '../payments';
import { navigate, paths } from '../router';
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
        // Not a pay link: the sign-in link page, where signing in is the customer's choice.
        forgetPayLink();
        navigate(withToken(paths.link(portal.slug), token), { replace: true });
      } else if (kind === 'estimate') {
        // An estimate link (or one this tab kept for an estimate): its own page.
        navigate(withToken(paths.estimateLink(portal.slug), token), { replace: true });
      } else if (portal.slug !== slug) {
        keepPayLink(portal.slug, token);
        history.replaceState(history.state, '', paths.pay(portal.slug));
      }
    }
    return forgetIfDead(result);
  });
}

export function PayLink({ slug }: { slug: string }) {
  const [token, setToken] = useState(() => takeLinkToken(slug));
  const [link, retryLink] = useResource((signal) => (token ? lookUp(token, slug, signal) : notYet), [token]);
  /** The portal in the URL: whom to contact about a link that names none. */
  const [urlPortal] = usePortal(slug);
  const opened = link.status === 'ok' && link.data.kind === 'invoice' ? link.data : null;
  const invoiceId = opened?.id ?? null;
  const [loaded, retryInvoice] = useResource(
    (signal) => (token && invoiceId ? api.invoice(invoiceId, signal, token).then(forgetIfDead) : notYet),
    [invoiceId, token],
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
  const fallback = urlPortal.status === 'ok' ? urlPortal.data : null;
  /** The portal this page speaks for: the link's own, else (no token, a link that names none) the URL's. */
  const portal: PortalInfo | null = linkPortal ?? fallback;
  const problem = link.status === 'error' ? link.problem : loaded.status === 'error' ? loaded.problem : null;
  const retry = link.status === 'error' ? retryLink : retryInvoice;
  const invoice = loaded.status === 'ok' ? loaded.data : null;

  let content;
  if (problem?.status === 410) {
    content = (
      <Page title="This link has expired or was withdrawn" business={portal?.name}>
        <p>Payment links work for a limited time, and the business can withdraw one, for example when it sends a newer link.</p>
        <AskForNewLink portal={portal} />
      </Page>
    );
  } else if (!token || problem?.status === 404 || (opened && !invoiceId)) {
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
      <Page title="Your invoice" business={portal?.name}>
        <ProblemMessage problem={problem} retry={retry} />
      </Page>
    );
  } else if (!invoice || !linkPortal) {
    // Also while a sign-in link is handed over to its page.
    content = (
      <Page title="Your invoice" business={portal?.name} busy>
        <Loading label="Opening your invoice…" />
      </Page>
    );
  } else {
    const payable = linkPortal.payments.enabled && canPay(invoice);
    content = (
      <Page title={`Invoice ${invoice.number}`} business={linkPortal.name}>
        <InvoiceBody
          invoice={invoice}
          timeZone={linkPortal.timeZone}
          links={<BusinessContact portal={linkPortal} lead="Questions about this invoice? Contact" />}
          pay={
            payable ? (
              <PayInvoice slug={linkPortal.slug} invoice={invoice} payments={linkPortal.payments} link={token} />
            ) : invoice.status === 'paid' ? (
              <div class="notice notice-success">
                <p>This invoice is paid. Thank you!</p>
              </div>
            ) : invoice.status === 'processing' ? (
              <div class="notice notice-success">
                <p>Your bank payment of this invoice is on its way. It can take up to 4 business days.</p>
              </div>
            ) : null
          }
        />
      </Page>
    );
  }

  return <PublicLayout slug={linkPortal?.slug ?? slug}>{content}</PublicLayout>;
}

