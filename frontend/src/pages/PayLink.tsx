/**
 * `/{slug}/pay#token=…`: a pay link. The business sent the customer one invoice to pay, no
 * sign-in needed: the token (sent as `Authorization: Link …`) opens that invoice, a checkout of it
 * and that checkout's status, nothing else, and it never signs anyone in.
 *
 * On load the token leaves the address bar (so it is in no history entry or shared URL) and is
 * kept in this tab's sessionStorage: Stripe sends the customer back here on a cancel, or to the
 * return page, without it. `GET /api/link` then says what the link opens and for which business:
 * the page is branded for it and the URL's slug corrected, as on the sign-in link page; a sign-in
 * link or an estimate link is handed to its own page (useLinkedDocument.ts, as on the estimate
 * link page). Opening the page only reads: a mail scanner opening it changes nothing.
 *
 * A dead link says so and how to reach the business for a new one: "not valid" for a missing or
 * cut-off token (never sent) or one the API cannot read (404); "expired or withdrawn" for what the
 * API answers 410 (expired, withdrawn, or a well-formed token it does not know); LinkStatusPage.tsx.
 */
import { api } from '../api';
import { BusinessContact } from '../components/BusinessContact';
import { InvoiceBody } from '../components/InvoiceBody';
import { linkStatusPage } from '../components/LinkStatusPage';
import { Page } from '../components/Page';
import { PayInvoice } from '../components/PayInvoice';
import { PublicLayout } from '../layouts/PublicLayout';
import { canPay } from '../payments';
import { paths } from '../router';
import { useLinkedDocument } from '../useLinkedDocument';
import { t } from '../i18n/current';

export function PayLink({ slug }: { slug: string }) {
  const { token, linkPortal, portal, loaded: invoice, invalid, problem, retry } = useLinkedDocument(slug, {
    kind: 'invoice',
    read: (id, token, signal) => api.invoice(id, signal, token),
    here: paths.pay,
  });

  let content;
  if (!invoice || !linkPortal || invalid || problem) {
    content = linkStatusPage({
      noun: 'invoice',
      expiredWhy: t('portal.payLink.expiredWhy'),
      portal,
      invalid,
      problem,
      retry,
    });
  } else {
    const payable = linkPortal.payments.enabled && canPay(invoice);
    content = (
      <Page title={t('portal.invoice.numbered', { number: invoice.number })} business={linkPortal.name}>
        <InvoiceBody
          invoice={invoice}
          timeZone={linkPortal.timeZone}
          links={<BusinessContact portal={linkPortal} lead={t('portal.payLink.contact')} />}
          pay={
            payable ? (
              <PayInvoice slug={linkPortal.slug} invoice={invoice} payments={linkPortal.payments} link={token} />
            ) : invoice.status === 'paid' ? (
              <div class="notice notice-success">
                <p>{t('portal.payLink.paid')}</p>
              </div>
            ) : invoice.status === 'processing' ? (
              <div class="notice notice-success">
                <p>{t('portal.payLink.processing')}</p>
              </div>
            ) : null
          }
        />
      </Page>
    );
  }

  return <PublicLayout slug={linkPortal?.slug ?? slug}>{content}</PublicLayout>;
}

