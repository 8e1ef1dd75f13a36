/** The calendar file of a booked visit: a business's text can never add a property or end the event (rule 71). */
import { calendarFile, foldLine, icsText } from './ics';

const visit = { uid: 'est_1.bkg_1@portal.example.com', start: '2026-12-14T15:00:00.000Z', end: '2026-12-14T17:00:00.000Z', stamp: '2026-12-06T12:00:00.000Z', summary: 'Acme: New furnace', location: '1234 Elm Street, Springfield, IL 62704', description: null };

test('a well-formed VEVENT in UTC, CRLF lines', () => {
  const ics = calendarFile(visit);
  expect(ics).toBe(
    [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Field-service portal//Visit//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'BEGIN:VEVENT',
      'UID:est_1.bkg_1@portal.example.com', 'DTSTAMP:20261206T120000Z', 'DTSTART:20261214T150000Z', 'DTEND:20261214T170000Z',
      'SUMMARY:Acme: New furnace', 'LOCATION:1234 Elm Street\\, Springfield\\, IL 62704', 'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n'),
  );
});

test.each([
  ['a line break and a property', 'Furnace\r\nATTENDEE:mailto:evil@example.com'],
  ['a lone CR, a lone LF and Unicode line separators', 'a\rEND:VEVENT\nBEGIN:VALARM\u2028X\u2029Y'],
  ['control characters', 'a\u0000b\u0007c\u001bd\u0085e\u007f'],
  ['backslashes, semicolons and commas', 'x\\;y,z\\nEND:VCALENDAR'],
])('%s in a business\'s text stay inside their value', (_what, text) => {
  const ics = calendarFile({ ...visit, summary: text, location: text, description: text });
  const lines = ics.split('\r\n');
  // Unfolded, every line is one of ours: the properties we wrote, in order, and nothing else.
  const unfolded = ics.replace(/\r\n /g, '').split('\r\n').filter(Boolean).map((l) => l.split(':')[0]!.split(';')[0]);
  expect(unfolded).toEqual(['BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'BEGIN', 'UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'LOCATION', 'DESCRIPTION', 'END', 'END']);
  for (const line of lines) expect(line).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/);
  expect(icsText(text)).not.toMatch(/(^|[^\\])(\\\\)*[;,]/);
});

test('long lines fold at 75 octets without splitting a character', () => {
  const folded = foldLine(`SUMMARY:${'ñ'.repeat(100)}`);
  for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'ñ'.repeat(100)}`);
  expect(folded).not.toContain('\ufffd');
});
