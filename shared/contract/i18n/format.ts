/**
 * Dates, times, money and numbers for people, in one place for the portal, the emails, the texts
 * and the PDF: "Sun, Dec 20" on the page and "$250.00 to pay by Sun, Dec 20" in the email come
 * from the same call. Every instant is shown in the business's time zone (the customer and the
 * technician must agree on "9 AM") and written the way the language writes it.
 *
 *   const f = formatFor('es');
 *   f.date('2026-12-20T15:00:00Z', 'America/Chicago')   // "dom, 20 dic"
 *   f.money({ amount: 25000, currency: 'USD' })           // "US$250.00" / "$250.00"
 */
import { formatMoney, type Money } from '../money';
import type { TimeWindow } from '../common';
import { LOCALES, type Language } from './languages';

export interface Format {
  readonly language: Language;
  readonly locale: string;
  /** "Tue, Nov 24", with the year when it is not the current year in that zone. */
  date(iso: string, timeZone: string, now?: Date): string;
  /** "9:00 AM" / "9:00 a. m.", with no-break spaces so the day period never wraps alone. */
  time(iso: string, timeZone: string): string;
  /** "Tue, Nov 24 · 9:00 AM": when a message, note or payment happened. */
  dateTime(iso: string, timeZone: string, now?: Date): string;
  /** "9:00 AM – 11:00 AM"; a window that crosses midnight names both days. */
  timeRange(window: TimeWindow, timeZone: string, now?: Date): string;
  /** "Tue, Nov 24 · 9:00 AM – 11:00 AM": a visit's day and arrival window. */
  visit(window: TimeWindow, timeZone: string, now?: Date): string;
  /** The instant's day in that zone as "2026-11-24": such strings compare in date order. */
  calendarDay(iso: string, timeZone: string): string;
  /** Money from minor units: 12345 USD → "$123.45"; JPY has no decimals. */
  money(money: Money): string;
  /** A plain number with the language's separators. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A date-time formatter for this language and zone, kept (building them is the slow part). */
  dateTimeFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat;
}

const formats = new Map<Language, Format>();

/** The formatter for a language; one per language, built once and kept with its Intl objects. */
export function formatFor(language: Language): Format {
  let format = formats.get(language);
  if (!format) {
    format = buildFormat(language);
    formats.set(language, format);
  }
  return format;
}

function buildFormat(language: Language): Format {
  const locale = LOCALES[language];
  const cache = new Map<string, Intl.DateTimeFormat>();

  const dateTimeFormat = (timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
    const key = timeZone + JSON.stringify(options);
    let f = cache.get(key);
    if (!f) {
      try {
        f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      } catch {
        // An unknown zone must not blank the page or drop a message: fall back to UTC, labelled.
        const labelled: Intl.DateTimeFormatOptions = options.hour ? { timeZoneName: 'short' } : {};
        f = new Intl.DateTimeFormat(locale, { ...options, ...labelled, timeZone: 'UTC' });
      }
      cache.set(key, f);
    }
    return f;
  };

  const yearIn = (date: Date, timeZone: string) => dateTimeFormat(timeZone, { year: 'numeric' }).format(date);

  const calendarDay = (iso: string, timeZone: string): string => {
    const parts = dateTimeFormat(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  };

  const date = (iso: string, timeZone: string, now: Date = new Date()): string => {
    const at = new Date(iso);
    const withYear = yearIn(at, timeZone) !== yearIn(now, timeZone);
    return dateTimeFormat(timeZone, { weekday: 'short', month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) }).format(at);
  };

  const time = (iso: string, timeZone: string): string =>
    dateTimeFormat(timeZone, { hour: 'numeric', minute: '2-digit' })
      .format(new Date(iso))
      .replace(/[ \u202f]/g, '\u00a0');

  const dateTime = (iso: string, timeZone: string, now?: Date) => `${date(iso, timeZone, now)} · ${time(iso, timeZone)}`;

  const timeRange = (window: TimeWindow, timeZone: string, now?: Date): string =>
    calendarDay(window.start, timeZone) === calendarDay(window.end, timeZone)
      ? `${time(window.start, timeZone)} – ${time(window.end, timeZone)}`
      : `${dateTime(window.start, timeZone, now)} – ${dateTime(window.end, timeZone, now)}`;

  const visit = (window: TimeWindow, timeZone: string, now?: Date): string =>
    calendarDay(window.start, timeZone) === calendarDay(window.end, timeZone)
      ? `${date(window.start, timeZone, now)} · ${timeRange(window, timeZone, now)}`
      : timeRange(window, timeZone, now);

  const numbers = new Map<string, Intl.NumberFormat>();
  const number = (value: number, options: Intl.NumberFormatOptions = {}): string => {
    const key = JSON.stringify(options);
    let f = numbers.get(key);
    if (!f) numbers.set(key, (f = new Intl.NumberFormat(locale, options)));
    return f.format(value);
  };

  return {
    language,
    locale,
    date,
    time,
    dateTime,
    timeRange,
    visit,
    calendarDay,
    money: (m) => formatMoney(m.amount, m.currency, locale),
    number,
    dateTimeFormat,
  };
}
