/**
 * The tracking page's words: the arrival range in the business's time zone, the distance in its
 * unit, the technician's initials and how long ago the position came. Pure functions of their
 * arguments (the clock is passed in), unit tested in format.test.ts.
 */

import { dateTimeFormat } from '../format';
import { f, t } from '../i18n/current';

const LOCALE = 'en-US';
const NBSP = '\u00a0';

/** "2:10" and "PM" (and " UTC" for an unknown zone) of an instant in that zone. */
function clock(iso: string, timeZone: string): { time: string; period: string } {
  let time = '';
  let period = '';
  // The portal's formatter (an unknown zone: UTC, labelled, so the page never blanks).
  for (const part of dateTimeFormat(timeZone, { hour: 'numeric', minute: '2-digit' }).formatToParts(new Date(iso))) {
    if (part.type === 'hour' || part.type === 'minute') time += part.value;
    else if (part.type === 'literal' && !/^\s+$/.test(part.value)) time += part.value;
    else if (part.type === 'dayPeriod' || part.type === 'timeZoneName') period += (period ? NBSP : '') + part.value;
  }
  return { time, period };
}

const at = (c: { time: string; period: string }) => (c.period ? `${c.time}${NBSP}${c.period}` : c.time);

/**
 * "2:10–2:20 PM" (one AM/PM when both share it), "11:50 AM–12:10 PM" across noon; one time when
 * both are the same minute. No-break spaces keep "PM" on its line.
 */
export function formatTimeRange(earliest: string, latest: string, timeZone: string): string {
  const a = clock(earliest, timeZone);
  const b = clock(latest, timeZone);
  if (a.time === b.time && a.period === b.period) return at(a);
  if (a.period === b.period) return `${a.time}\u2013${at(b)}`;
  return `${at(a)}\u2013${at(b)}`;
}

/**
 * What the page says about the arrival: "Arriving 2:10–2:20 PM" while the range is still ahead.
 * Once its first minute has come (ranges are rounded to whole minutes, so "5:55–6:05" at 5:55:30
 * has started) and the technician is still on the way, "Arriving any minute": a range that
 * starts in the past is never shown as if it had not.
 */
export function formatArrival(eta: { earliest: string; latest: string }, timeZone: string, now: Date): string {
  // Once the window has started, its start is in the past: say so rather than show it as to come.
  if (now.getTime() >= new Date(eta.earliest).getTime()) return t('tracking.arrivingAnyMinute');
  return t('tracking.arriving', { range: formatTimeRange(eta.earliest, eta.latest, timeZone) });
}

const METERS_PER_MILE = 1609.344;

/** "2.3 mi", "3.7 km", "1,204.5 km"; under a tenth: "less than 0.1 mi". */
export function formatDistance(meters: number, unit: 'mi' | 'km'): string {
  const value = Math.max(0, meters) / (unit === 'mi' ? METERS_PER_MILE : 1000);
  const oneDecimal = (n: number) => f().number(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (value < 0.05) return t('tracking.distance.lessThan', { distance: `${oneDecimal(0.1)}${NBSP}${unit}` });
  return `${oneDecimal(value)}${NBSP}${unit}`;
}

/**
 * The first letters of the first and last words of a name, upper case: "Dev Okafor" → "DO",
 * "Cher" → "C", "María-José de la Cruz" → "MC", "  " → "?". Letters only (a quote, bracket or
 * digit starts no initial), whole characters (not half a surrogate pair).
 */
export function initials(name: string): string {
  const words = name
    .split(/[\s\u00a0]+/)
    .map((word) => Array.from(word).find((c) => /\p{L}/u.test(c)))
    .filter((c): c is string => c !== undefined);
  if (words.length === 0) return '?';
  const picked = words.length === 1 ? [words[0]!] : [words[0]!, words[words.length - 1]!];
  return picked.join('').toLocaleUpperCase(LOCALE);
}

/**
 * How long ago an instant was, as "Updated … ago" words: "just now" under 5 s (and for an instant a
 * little ahead of this device's clock), "20 s ago", "3 min ago", "2 h ago".
 */
export function formatAgo(iso: string, now: Date): string {
  const seconds = Math.floor((now.getTime() - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds) || seconds < 5) return t('tracking.updated.justNow');
  if (seconds < 60) return t('tracking.updated.seconds', { count: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('tracking.updated.minutes', { count: minutes });
  return t('tracking.updated.hours', { count: Math.floor(minutes / 60) });
}
