/** What the customer needs to know about an invoice beyond its stored fields. */
import type { InvoiceSummary } from '../../shared/contract/customer/invoices';
import { calendarDay } from './format';

/**
 * Something is left to pay and the due day has passed in the business's time zone. The page
 * shows the due date as a day, so the invoice becomes overdue the day after it, never on it.
 * A bank payment on its way (`processing`) is not overdue: the customer has already paid.
 */
export function isOverdue(invoice: Pick<InvoiceSummary, 'dueAt' | 'balance' | 'status'>, timeZone: string, now: Date = new Date()): boolean {
  if (invoice.balance <= 0 || invoice.status === 'processing') return false;
  return calendarDay(invoice.dueAt, timeZone) < calendarDay(now.toISOString(), timeZone);
}
