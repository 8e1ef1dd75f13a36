/**
 * A calendar file (RFC 5545 `.ics`) for a booked visit, attached to its confirmation email. Every
 * piece of text in it comes from the business (its name, the estimate's title, the address), so
 * each is escaped as a TEXT value (rule 71): backslash, semicolon and comma are escaped, any line
 * break becomes the two characters `\n`, and every other control character is dropped. A value can
 * then never end its line, so no text can add a property (an ATTENDEE, an ALARM, a second event)
 * or close the event. Lines are folded at 75 octets, never inside a UTF-8 character. The file
 * carries no link: a calendar is shared more widely than a mailbox, and the email's link opens
 * the estimate without signing in.
 */
import type { Attachment } from './port';

export interface CalendarVisit {
  /** Stable for the booking: a calendar that imports the file twice updates one event. */
  uid: string;
  start: string;
  end: string;
  /** When the file was made (ISO). */
  stamp: string;
  summary: string;
  location: string | null;
  description: string | null;
}

/** A TEXT value, escaped (RFC 5545 §3.3.11), with control characters other than line breaks dropped. */
export function icsText(value: string): string {
  return value
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** "2026-12-14T15:00:00.000Z" → "20261214T150000Z" (UTC: every calendar shows it in its own zone). */
const icsTime = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Folds a content line at 75 octets (continuation lines start with a space), whole characters only. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; continuations hold 74 after their leading space.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function calendarFile(visit: CalendarVisit): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Field-service portal//Visit//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${icsText(visit.uid)}`,
    `DTSTAMP:${icsTime(visit.stamp)}`,
    `DTSTART:${icsTime(visit.start)}`,
    `DTEND:${icsTime(visit.end)}`,
    `SUMMARY:${icsText(visit.summary)}`,
    ...(visit.location ? [`LOCATION:${icsText(visit.location)}`] : []),
    ...(visit.description ? [`DESCRIPTION:${icsText(visit.description)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

export function calendarAttachment(visit: CalendarVisit): Attachment {
  return { filename: 'visit.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: calendarFile(visit) };
}
