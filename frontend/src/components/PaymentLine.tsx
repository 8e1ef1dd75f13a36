/**
 * One payment in a list of them, written the same way wherever it is listed (a job's payments, an
 * invoice's): when (day and time, in the business's time zone), how, and how much.
 */
import { formatDateTime, formatMoney, formatPaymentMethod } from '../format';

interface Props {
  payment: { id: string; paidAt: string; method: string; amount: { amount: number; currency: string } };
  timeZone: string;
  /** For "Show more" to move focus to the first new one. */
  domId?: string;
}

export function PaymentLine({ payment, timeZone, domId }: Props) {
  return (
    <li id={domId} class="payment" tabIndex={domId ? -1 : undefined}>
      <span>
        <time dateTime={payment.paidAt}>{formatDateTime(payment.paidAt, timeZone)}</time> · {formatPaymentMethod(payment.method)}
      </span>
      <span class="num">{formatMoney(payment.amount)}</span>
    </li>
  );
}
