/**
 * Dates, money, sizes and statuses for display, in the language the page shows. Dates, times and
 * money come from the one formatter the portal shares with the emails, texts and PDF
 * (shared/contract/i18n/format.ts `formatFor`): every instant in the business's time zone (the
 * customer and the technician must agree on "9 AM"), money from integer minor units.
 */
import type { Money } from '../../shared/contract/money';
import type { EstimateStatus, EstimateSummary } from '../../shared/contract/customer/estimates';
import type { InvoiceStatus } from '../../shared/contract/customer/invoices';
import type { JobStatus } from '../../shared/contract/customer/jobs';
import type { TimeWindow } from '../../shared/contract/common';
import type { MessageKey } from '../../shared/contract/i18n/keys';
import { f, t } from './i18n/current';

/** One formatter per zone and options, kept; an unknown zone falls back to UTC, labelled. */
export function dateTimeFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return f().dateTimeFormat(timeZone, options);
}

/** "Tue, Nov 24", with the year when it is not the current year in that zone. */
export function formatDate(iso: string, timeZone: string, now: Date = new Date()): string {
  return f().date(iso, timeZone, now);
}

/** "9:00 AM", with a no-break space so "AM" never wraps onto its own line. */
export function formatTime(iso: string, timeZone: string): string {
  return f().time(iso, timeZone);
}

/** The instant's day in that zone as "2026-11-24": such strings compare in date order. */
export function calendarDay(iso: string, timeZone: string): string {
  return f().calendarDay(iso, timeZone);
}

/** "9:00 AM – 11:00 AM"; a window that crosses midnight names both days. */
export function formatTimeRange(window: TimeWindow, timeZone: string, now: Date = new Date()): string {
  return f().timeRange(window, timeZone, now);
}

/** "Tue, Nov 24 · 9:00 AM – 11:00 AM": a visit's day and arrival window. */
export function formatVisit(window: TimeWindow, timeZone: string, now: Date = new Date()): string {
  return f().visit(window, timeZone, now);
}

/** "Tue, Nov 24 · 9:00 AM": when a message, note or payment happened. */
export function formatDateTime(iso: string, timeZone: string, now: Date = new Date()): string {
  return f().dateTime(iso, timeZone, now);
}

/** Money from minor units: { amount: 12345, currency: 'USD' } → "$123.45"; JPY has no decimals. */
export const formatMoney = (money: Money): string => f().money(money);

/** "$1,200.00", or "$1,200.00 – $3,400.00" while the options differ. */
export function formatPriceRange(estimate: Pick<EstimateSummary, 'priceRange' | 'currency'>): string {
  const { low, high } = estimate.priceRange;
  const money = (amount: number) => formatMoney({ amount, currency: estimate.currency });
  return low === high ? money(low) : `${money(low)} – ${money(high)}`;
}

/** "512 bytes", "1.5 KB", "2.3 MB" (binary multiples, as file managers on phones show them). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return t('common.fileSize.bytes', { count: bytes });
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = f().number(value, { maximumFractionDigits: value < 10 ? 1 : 0 });
  return `${shown} ${units[unit]}`;
}

export type AnyStatus = JobStatus | InvoiceStatus | EstimateStatus;

const statusLabels: Record<AnyStatus, MessageKey> = {
  scheduled: 'common.status.scheduled',
  in_progress: 'common.status.in_progress',
  completed: 'common.status.completed',
  cancelled: 'common.status.cancelled',
  open: 'common.status.open',
  processing: 'common.status.processing',
  paid: 'common.status.paid',
  partially_refunded: 'common.status.partially_refunded',
  refunded: 'common.status.refunded',
  disputed: 'common.status.disputed',
  // Estimates ('scheduled' is a job's word too, and means the same).
  sent: 'common.status.sent',
  approved: 'common.status.approved',
  declined: 'common.status.declined',
  expired: 'common.status.expired',
};

/** A job's, an invoice's or an estimate's status in the customer's words. */
export function formatStatus(status: AnyStatus): string {
  const key = statusLabels[status];
  return key ? t(key) : status;
}

/** "+15555550123" → "(555) 555-0123": the one rule the PDF and emails use too. */
export { formatPhone } from '../../shared/contract/phone';

const paymentMethodLabels: Record<string, MessageKey> = {
  card: 'common.paymentMethod.card',
  us_bank_account: 'common.paymentMethod.bank',
  ach: 'common.paymentMethod.bank',
  ach_debit: 'common.paymentMethod.bank',
};

/** "card" → "Card", "us_bank_account" → "Bank account (ACH)", "affirm" → "Affirm" (a name: the same in every language). */
export function formatPaymentMethod(method: string): string {
  const key = paymentMethodLabels[method];
  if (key) return t(key);
  const words = method.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
