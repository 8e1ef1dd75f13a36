/**
 * An invoice as the customer would keep it on paper: its status and dates, its lines and totals,
 * and its payments; with "Print" (the print stylesheet leaves out links and buttons). The signed-in
 * invoice page and the pay-link page show it alike; each adds its own links and pay controls.
 */
import type { ComponentChildren } from 'preact';
import type { InvoiceDetail } from '../../../shared/contract/customer/invoices';
import { formatMoney } from '../format';
import { AmountRow } from './AmountRow';
import { PaymentLine } from './PaymentLine';
import { InvoiceDates } from './InvoiceCard';
import { Section } from './job/Section';
import { StatusBadge } from './StatusBadge';

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
            Print
          </button>
        </p>
      </div>
      {pay}
      <InvoiceLines invoice={invoice} />
      <Section id="payments" title="Payments">
        {invoice.payments.length === 0 ? (
          <p class="empty-inline">No payments yet.</p>
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
        <AmountRow label="Subtotal">{money(invoice.subtotal)}</AmountRow>
        <AmountRow label="Tax">{money(invoice.taxAmount)}</AmountRow>
        <AmountRow label="Total" strong>{money(invoice.total)}</AmountRow>
        <AmountRow label="Paid">{money(invoice.amountPaid)}</AmountRow>
        {/* A bank payment on its way: shown, not yet taken off the balance (it may still fail). */}
        {invoice.amountPending > 0 && <AmountRow label="Processing">{money(invoice.amountPending)}</AmountRow>}
        {invoice.amountRefunded > 0 && <AmountRow label="Refunded">{money(invoice.amountRefunded)}</AmountRow>}
        <AmountRow label="Balance due" strong>{money(invoice.balance)}</AmountRow>
      </dl>
    </Section>
  );
}
