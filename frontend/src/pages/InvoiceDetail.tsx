/**
 * `/{slug}/invoices/{invoiceId}`: one invoice, as the customer would keep it on paper: its lines,
 * totals and payments. "Print" prints the page; the print stylesheet leaves out the menu, links
 * back and buttons. Where the business takes payments and something is left to pay, it can be
 * paid from here, in full or in part (PayInvoice).
 */
import type { MeResponse } from '../../../shared/contract/customer/portal';
import { api } from '../api';
import { DetailPage } from '../components/DetailPage';
import { InvoiceBody } from '../components/InvoiceBody';
import { Link } from '../components/Link';
import { PayInvoice } from '../components/PayInvoice';
import { canPay } from '../payments';
import { paths } from '../router';
import { useResource } from '../useResource';
import { useSignInWhenSignedOut } from '../useSignInWhenSignedOut';
import { lastInvoicesTab } from './InvoiceList';
import { t } from '../i18n/current';

export function InvoiceDetail({ slug, invoiceId, me }: { slug: string; invoiceId: string; me: MeResponse }) {
  const [loaded, retry] = useResource((signal) => api.invoice(invoiceId, signal), [invoiceId]);
  const invoice = loaded.status === 'ok' ? loaded.data : null;
  const problem = loaded.status === 'error' ? loaded.problem : null;
  useSignInWhenSignedOut(slug, problem?.status === 401);

  return (
    <DetailPage
      noun="invoice"
      listHref={paths.invoices(slug, lastInvoicesTab())}
      business={me.business.name}
      title={invoice && t('portal.invoice.numbered', { number: invoice.number })}
      notFoundWhy={t('portal.detail.removedOrMistyped')}
      problem={problem}
      retry={retry}
    >
      {invoice && (
        <InvoiceBody
          invoice={invoice}
          timeZone={me.business.timeZone}
          links={
            invoice.jobId && (
              <p class="no-print">
                <Link href={paths.job(slug, invoice.jobId)}>{t('portal.invoice.viewJob')}</Link>
              </p>
            )
          }
          pay={me.business.payments.enabled && canPay(invoice) && <PayInvoice slug={slug} invoice={invoice} payments={me.business.payments} />}
        />
      )}
    </DetailPage>
  );
}
