/** One invoice in the invoice list; the whole card is the link to the invoice, but for its controls (`children`). */
import type { ComponentChildren } from 'preact';
import type { InvoiceSummary } from '../../../shared/contract/customer/invoices';
import { formatDate, formatMoney } from '../format';
import { isOverdue } from '../invoice';
import { paths } from '../router';
import { AmountRow } from './AmountRow';
import { Link } from './Link';
import { StatusBadge } from './StatusBadge';
import { t, tx } from '../i18n/current';

interface Props {
  slug: string;
  invoice: InvoiceSummary;
  timeZone: string;
  /** Controls under the amounts (paying), above the card's link. */
  children?: ComponentChildren;
}

export function InvoiceCard({ slug, invoice, timeZone, children }: Props) {
  const money = (amount: number) => formatMoney({ amount, currency: invoice.currency });
  return (
    <li class="card invoice-card">
      <div class="card-top">
        <h2 class="card-title">
          <Link id={`invoice-${invoice.id}`} class="stretched-link" href={paths.invoice(slug, invoice.id)}>
            {t('portal.invoice.numbered', { number: invoice.number })}
          </Link>
        </h2>
        <StatusBadge status={invoice.status} />
      </div>
      <InvoiceDates invoice={invoice} timeZone={timeZone} />
      <dl class="amounts">
        <AmountRow label={t('portal.amount.total')}>{money(invoice.total)}</AmountRow>
        <AmountRow label={t('portal.amount.paid')}>{money(invoice.amountPaid)}</AmountRow>
        {invoice.amountPending > 0 && <AmountRow label={t('portal.amount.processing')}>{money(invoice.amountPending)}</AmountRow>}
        <AmountRow label={t('portal.amount.balance')}>{money(invoice.balance)}</AmountRow>
      </dl>
      {children && <div class="card-actions">{children}</div>}
    </li>
  );
}

/** "Issued Tue, Nov 3 · Due Tue, Nov 24", and "Overdue" in words once it is. */
export function InvoiceDates({ invoice, timeZone }: { invoice: InvoiceSummary; timeZone: string }) {
  const overdue = isOverdue(invoice, timeZone);
  return (
    <p class="invoice-dates">
      <span>
        {tx('portal.invoice.issuedOn', { date: <time dateTime={invoice.issuedAt}>{formatDate(invoice.issuedAt, timeZone)}</time> })}
      </span>{' '}
      <span class={overdue ? 'invoice-due overdue' : 'invoice-due'}>
        {tx('portal.invoice.dueOn', { date: <time dateTime={invoice.dueAt}>{formatDate(invoice.dueAt, timeZone)}</time> })}
        {overdue && (
          <>
            {' '}
            <strong class="overdue-flag">{t('portal.invoice.overdue')}</strong>
          </>
        )}
      </span>
    </p>
  );
}
