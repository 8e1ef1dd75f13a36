/**
 * The lines of an invoice, a job's charges or an estimate's option, one way everywhere: two
 * columns, what and how much, with "4 × $125.00" under a line's description when it is not one of
 * a thing. A four-column table (quantity and unit price in columns of their own) did not fit the
 * narrowest phone in Spanish; two columns fit at 320 px in either language, and the description
 * keeps room to wrap between its words.
 */
import type { Charge } from '../../../shared/contract/customer/jobs';
import type { InvoiceLineView } from '../../../shared/contract/customer/invoices';
import { formatMoney } from '../format';
import { f, t } from '../i18n/current';

/** A line as the job's charges carry it; an invoice's or an option's lines are given in this shape. */
export type Line = Omit<Charge, 'id'>;

/** An invoice's or an estimate option's lines (minor units in the document's one currency) as Lines. */
export const linesIn = (currency: string, lines: InvoiceLineView[]): Line[] =>
  lines.map(({ description, quantity, unitAmount, amount }) => ({ description, quantity, unitPrice: { amount: unitAmount, currency }, total: { amount, currency } }));

export function LineItems({ caption, lines }: { caption: string; lines: Line[] }) {
  return (
    <table class="table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('portal.lines.item')}</th>
          <th scope="col" class="num">
            {t('portal.lines.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, i) => (
          <tr key={i}>
            <td class="wrap">
              {line.description}
              {line.quantity !== 1 && <span class="line-quantity">{t('portal.lines.each', { quantity: f().number(line.quantity), unit: formatMoney(line.unitPrice) })}</span>}
            </td>
            <td class="num">{formatMoney(line.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
