/**
 * `/{slug}/invoices/{invoiceId}`: one invoice, as the customer would keep it on paper: its lines,
 * totals and payments. "Print" prints the page; the print stylesheet leaves out the menu, links
 * back and buttons. Where the business takes payments and something is left to pay, it can be
 * paid from here, in full or in part (PayInvoice).
 */
import { useEffect } from 'preact/hooks';
import type { MeResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { InvoiceBody } from '../components/InvoiceBody';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { PayInvoice } from '../components/PayInvoice';
import { Loading, ProblemMessage } from '../components/Status';
import { canPay } from '../payments';
import { navigate, paths } from '../router';
import { forgetMe } from '../session';
import { useResource } from '../useResource';
import { lastInvoicesTab } from './InvoiceList';

export function InvoiceDetail({ slug, invoiceId, me }: { slug: string; invoiceId: string; me: MeResponse }) {
  const [loaded, retry] = useResource((signal) => api.invoice(invoiceId, signal), [invoiceId]);
  const invoice = loaded.status === 'ok' ? loaded.data : null;
  const business = me.business.name;
  const timeZone = me.business.timeZone;
  const back = (
    <Link class="back-link" href={paths.invoices(slug, lastInvoicesTab())}>
      All invoices
    </Link>
  );

  const signedOut = loaded.status === 'error' && loaded.problem.status === 401;
  useEffect(() => {
    if (signedOut) {
      forgetMe();
      navigate(paths.signIn(slug), { replace: true });
    }
  }, [signedOut]);

  if (loaded.status === 'error' && loaded.problem.status === 404) {
    return (
      <Page title="Invoice not found" business={business} before={back}>
        <p>We couldn't find this invoice. It may have been removed, or the link may be mistyped.</p>
      </Page>
    );
  }

  const title = invoice ? `Invoice ${invoice.number}` : 'Invoice';
  return (
    <Page title={title} business={business} busy={loaded.status === 'loading'} before={back}>
      {loaded.status === 'loading' && <Loading label="Loading invoice…" />}
      {loaded.status === 'error' && loaded.problem.status !== 401 && <ProblemMessage problem={loaded.problem} retry={retry} />}
      {invoice && (
        <InvoiceBody
          invoice={invoice}
          timeZone={timeZone}
          links={
            invoice.jobId && (
              <p class="no-print">
                <Link href={paths.job(slug, invoice.jobId)}>View the job</Link>
              </p>
            )
          }
          pay={me.business.payments.enabled && canPay(invoice) && <PayInvoice slug={slug} invoice={invoice} payments={me.business.payments} />}
        />
      )}
    </Page>
  );
}
