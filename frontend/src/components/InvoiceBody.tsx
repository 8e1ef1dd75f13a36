/**
 * An invoice as the customer would keep it on paper: its status and dates, its lines and totals,
 * and its payments; with "Print" (the print stylesheet leaves out links and buttons). The signed-in
 * invoice page and the pay-link page show it alike; each adds its own links and pay controls.
 */
import type { ComponentChildren } from 'preact';
import type { InvoiceDetail } from '../../../shared/contract/customer/invoices';
import { formatMoney } from '../format';
import { AmountRow } from './AmountRow';
import { LineItems, linesIn } from './LineItems';
import { PaymentLine } from './PaymentLine';
import { InvoiceDates } from './InvoiceCard';
import { Section } from './job/Section';
import { StatusBadge } from './StatusBadge';
import { t } from '../i18n/current';

interface Props {
  invoice: InvoiceDetail;
  /** The business's time zone: dates are the business's days. */
  timeZone: string;
  /** Under the dates (e.g. "View the job"). */
  links?: ComponentChildren;
  /** Above the lines: the pay controls, when the invoice can be paid here. */
  pay?: ComponentChildren;
}

export function InvoiceBody({ invoice, timeZone, links, pay }: Props) {
  return (
    <>
      <div class="invoice-head">
        <p>
          <StatusBadge status={invoice.status} />
        </p>
        <InvoiceDates invoice={invoice} timeZone={timeZone} />
        {links}
        <p class="no-print">
          <button type="button" class="button button-secondary" onClick={() => window.print()}>
            {t('portal.print')}
          </button>
        </p>
      </div>
      {pay}
      <InvoiceLines invoice={invoice} />
      <Section id="payments" title={t('portal.invoice.payments')}>
        {invoice.payments.length === 0 ? (
          <p class="empty-inline">{t('portal.invoice.noPayments')}</p>
        ) : (
          <ul class="plain-list">
            {invoice.payments.map((p) => (
              <PaymentLine key={p.id} payment={{ ...p, amount: { amount: p.amount, currency: p.currency } }} timeZone={timeZone} />
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function InvoiceLines({ invoice }: { invoice: InvoiceDetail }) {
  const money = (amount: number) => formatMoney({ amount, currency: invoice.currency });
  return (
    <Section id="lines" title={t('portal.charges.title')}>
      {invoice.lines.length === 0 ? (
        <p class="empty-inline">{t('portal.invoice.noCharges')}</p>
      ) : (
        <LineItems caption={t('portal.invoice.chargesCaption', { number: invoice.number })} lines={linesIn(invoice.currency, invoice.lines)} />
      )}
      <dl class="totals">
        <AmountRow label={t('portal.amount.subtotal')}>{money(invoice.subtotal)}</AmountRow>
        <AmountRow label={t('portal.amount.tax')}>{money(invoice.taxAmount)}</AmountRow>
        <AmountRow label={t('portal.amount.total')} strong>{money(invoice.total)}</AmountRow>
        <AmountRow label={t('portal.amount.paid')}>{money(invoice.amountPaid)}</AmountRow>
        {/* A bank payment on its way: shown, not yet taken off the balance (it may still fail). */}
        {invoice.amountPending > 0 && <AmountRow label={t('portal.amount.processing')}>{money(invoice.amountPending)}</AmountRow>}
        {invoice.amountRefunded > 0 && <AmountRow label={t('portal.amount.refunded')}>{money(invoice.amountRefunded)}</AmountRow>}
        <AmountRow label={t('portal.amount.balanceDue')} strong>{money(invoice.balance)}</AmountRow>
      </dl>
    </Section>
  );
}
