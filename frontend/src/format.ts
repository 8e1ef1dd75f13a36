/**
 * Dates, money and sizes for display. Every instant is shown in the business's time zone (the
 * customer and the technician must agree on "9 AM"), money arrives as integer minor units.
 * The UI is English; `en-US` keeps formats predictable ("Tue, Nov 24 · 9:00 AM – 11:00 AM").
 */
import { formatMoney as formatAmount, type Money } from '../../shared/contract/money';
import type { EstimateStatus, EstimateSummary } from '../../shared/contract/customer/estimates';
import type { InvoiceStatus } from '../../shared/contract/customer/invoices';
import type { JobStatus } from '../../shared/contract/customer/jobs';
import type { TimeWindow } from '../../shared/contract/common';

const LOCALE = 'en-US';
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and options, kept: building them is the slow part. An unknown zone falls back to UTC, labelled. */
export function dateTimeFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = timeZone + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    } catch {
      // An unknown zone must not blank the page: fall back to UTC, which is at least labelled.
      const labelled: Intl.DateTimeFormatOptions = options.hour ? { timeZoneName: 'short' } : {};
      f = new Intl.DateTimeFormat(LOCALE, { ...options, ...labelled, timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f;
}

function yearIn(date: Date, timeZone: string): string {
  return dateTimeFormat(timeZone, { year: 'numeric' }).format(date);
}

/** "Tue, Nov 24", with the year when it is not the current year in that zone. */
export function formatDate(iso: string, timeZone: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const withYear = yearIn(date, timeZone) !== yearIn(now, timeZone);
  return dateTimeFormat(timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(date);
}

/** "9:00 AM", with a no-break space so "AM" never wraps onto its own line. */
export function formatTime(iso: string, timeZone: string): string {
  return dateTimeFormat(timeZone, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso)).replace(/[ \u202f]/g, '\u00a0');
}

function sameDay(a: string, b: string, timeZone: string): boolean {
  return calendarDay(a, timeZone) === calendarDay(b, timeZone);
}

/** The instant's day in that zone as "2026-11-24": such strings compare in date order. */
export function calendarDay(iso: string, timeZone: string): string {
  const parts = dateTimeFormat(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "9:00 AM – 11:00 AM"; a window that crosses midnight names both days. */
export function formatTimeRange(window: TimeWindow, timeZone: string, now: Date = new Date()): string {
  if (sameDay(window.start, window.end, timeZone)) {
    return `${formatTime(window.start, timeZone)} – ${formatTime(window.end, timeZone)}`;
  }
  return `${formatDateTime(window.start, timeZone, now)} – ${formatDateTime(window.end, timeZone, now)}`;
}

/** "Tue, Nov 24 · 9:00 AM – 11:00 AM": a visit's day and arrival window. */
export function formatVisit(window: TimeWindow, timeZone: string, now: Date = new Date()): string {
  if (!sameDay(window.start, window.end, timeZone)) return formatTimeRange(window, timeZone, now);
  return `${formatDate(window.start, timeZone, now)} · ${formatTimeRange(window, timeZone, now)}`;
}

/** "Tue, Nov 24 · 9:00 AM": when a message, note or payment happened. */
export function formatDateTime(iso: string, timeZone: string, now: Date = new Date()): string {
  return `${formatDate(iso, timeZone, now)} · ${formatTime(iso, timeZone)}`;
}

/** Money from minor units: { amount: 12345, currency: 'USD' } → "$123.45"; JPY has no decimals. */
export const formatMoney = (money: Money): string => formatAmount(money.amount, money.currency, LOCALE);

/** "$1,200.00", or "$1,200.00 – $3,400.00" while the options differ. */
export function formatPriceRange(estimate: Pick<EstimateSummary, 'priceRange' | 'currency'>): string {
  const { low, high } = estimate.priceRange;
  const money = (amount: number) => formatMoney({ amount, currency: estimate.currency });
  return low === high ? money(low) : `${money(low)} – ${money(high)}`;
}

/** "512 bytes", "1.5 KB", "2.3 MB" (binary multiples, as file managers on phones show them). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  return `${shown} ${units[unit]}`;
}

export type AnyStatus = JobStatus | InvoiceStatus | EstimateStatus;

const statusLabels: Record<AnyStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  open: 'Open',
  processing: 'Payment processing',
  paid: 'Paid',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  disputed: 'Disputed',
  // Estimates ('scheduled' is a job's word too, and means the same).
  sent: 'Awaiting your decision',
  approved: 'Approved',
  declined: 'Declined',
  expired: 'Expired',
};

/** A job's, an invoice's or an estimate's status in the customer's words. */
export function formatStatus(status: AnyStatus): string {
  return statusLabels[status] ?? status;
}

/** "+15555550123" → "(555) 555-0123": the one rule the PDF and emails use too. */
export { formatPhone } from '../../shared/contract/phone';

/** "card" → "Card", "us_bank_account" → "Bank account (ACH)", "affirm" → "Affirm". */
export function formatPaymentMethod(method: string): string {
  const bank = 'Bank account (ACH)';
  const known: Record<string, string> = { card: 'Card', us_bank_account: bank, ach: bank, ach_debit: bank };
  const words = method.replace(/[_-]+/g, ' ').trim();
  return known[method] ?? (words.charAt(0).toUpperCase() + words.slice(1));
}
