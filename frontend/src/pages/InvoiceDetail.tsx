/**
 * `/{slug}/invoices/{invoiceId}`: one invoice, as the customer would keep it on paper: its lines,
 * totals and payments. "Print" prints the page; the print stylesheet leaves out the menu, links
 * back and buttons. Where the business takes payments and something is left to pay, it can be
 * paid from here, in full or in part (PayInvoice).
 */
import { useEffect } from 'preact/hooks';
import type { InvoiceDetail as Invoice, MeResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { InvoiceDates } from '../components/InvoiceCard';
import { Section } from '../components/job/Section';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { PayInvoice } from '../components/PayInvoice';
import { Loading, ProblemMessage } from '../components/Status';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatMoney, formatPaymentMethod } from '../format';
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
        <>
          <div class="invoice-head">
            <p>
              <StatusBadge status={invoice.status} />
            </p>
            <InvoiceDates invoice={invoice} timeZone={timeZone} />
            {invoice.jobId && (
              <p class="no-print">
                <Link href={paths.job(slug, invoice.jobId)}>View the job</Link>
              </p>
            )}
            <p class="no-print">
              <button type="button" class="button button-secondary" onClick={() => window.print()}>
                Print
              </button>
            </p>
          </div>
          {me.business.payments.enabled && canPay(invoice) && <PayInvoice slug={slug} invoice={invoice} payments={me.business.payments} />}
          <InvoiceLines invoice={invoice} />
          <Section id="payments" title="Payments">
            {invoice.payments.length === 0 ? (
              <p class="empty-inline">No payments yet.</p>
            ) : (
              <ul class="plain-list">
                {invoice.payments.map((p) => (
                  <li key={p.id} class="payment">
                    <span>
                      <time dateTime={p.paidAt}>{formatDate(p.paidAt, timeZone)}</time> · {formatPaymentMethod(p.method)}
                    </span>
                    <span class="num">{formatMoney({ amount: p.amount, currency: p.currency })}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </Page>
  );
}

function InvoiceLines({ invoice }: { invoice: Invoice }) {
  const money = (amount: number) => formatMoney({ amount, currency: invoice.currency });
  return (
    <Section id="lines" title="Charges">
      {invoice.lines.length === 0 ? (
        <p class="empty-inline">No charges on this invoice.</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Charges on invoice {invoice.number}</caption>
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" class="num">Qty</th>
              <th scope="col" class="num">Unit price</th>
              <th scope="col" class="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, i) => (
              <tr key={i}>
                <td class="wrap">{line.description}</td>
                <td class="num">{line.quantity}</td>
                <td class="num">{money(line.unitAmount)}</td>
                <td class="num">{money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl class="totals">
        <div>
          <dt>Subtotal</dt>
          <dd>{money(invoice.subtotal)}</dd>
        </div>
        <div>
          <dt>Tax</dt>
          <dd>{money(invoice.taxAmount)}</dd>
        </div>
        <div class="totals-strong">
          <dt>Total</dt>
          <dd>{money(invoice.total)}</dd>
        </div>
        <div>
          <dt>Paid</dt>
          <dd>{money(invoice.amountPaid)}</dd>
        </div>
        {invoice.amountRefunded > 0 && (
          <div>
            <dt>Refunded</dt>
            <dd>{money(invoice.amountRefunded)}</dd>
          </div>
        )}
        <div class="totals-strong">
          <dt>Balance due</dt>
          <dd>{money(invoice.balance)}</dd>
        </div>
      </dl>
    </Section>
  );
}
