import { formatAgo, formatArrival, formatDistance, formatTimeRange, initials } from './format';
import { showCatalogs } from '../../test/i18n-support';

// The words come from the English catalog, as a browser set to English gets them.
beforeAll(() => showCatalogs('en'));

/** The page uses no-break spaces (and ICU may too); compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const chicago = 'America/Chicago';

describe('formatTimeRange', () => {
  it('shows the range in the business time zone with one AM/PM when both share it', () => {
    // 20:10Z is 2:10 PM in Chicago (CST, UTC-6) on 24 November 2026.
    expect(plain(formatTimeRange('2026-11-24T20:10:00Z', '2026-11-24T20:20:00Z', chicago))).toBe('2:10–2:20 PM');
  });

  it('uses the zone, not UTC or the machine: the same instants in Los Angeles and Kolkata', () => {
    expect(plain(formatTimeRange('2026-11-24T20:10:00Z', '2026-11-24T20:20:00Z', 'America/Los_Angeles'))).toBe('12:10–12:20 PM');
    expect(plain(formatTimeRange('2026-11-24T20:10:00Z', '2026-11-24T20:20:00Z', 'Asia/Kolkata'))).toBe('1:40–1:50 AM');
  });

  it('follows daylight saving time', () => {
    // 1 July: CDT, UTC-5.
    expect(plain(formatTimeRange('2026-07-01T19:10:00Z', '2026-07-01T19:20:00Z', chicago))).toBe('2:10–2:20 PM');
  });

  it('names both halves of the day across noon and midnight', () => {
    expect(plain(formatTimeRange('2026-11-24T17:50:00Z', '2026-11-24T18:10:00Z', chicago))).toBe('11:50 AM–12:10 PM');
    expect(plain(formatTimeRange('2026-11-25T05:55:00Z', '2026-11-25T06:05:00Z', chicago))).toBe('11:55 PM–12:05 AM');
  });

  it('shows one time when both ends are the same minute', () => {
    expect(plain(formatTimeRange('2026-11-24T20:10:00Z', '2026-11-24T20:10:30Z', chicago))).toBe('2:10 PM');
  });

  it('keeps AM/PM on the line of its time', () => {
    expect(formatTimeRange('2026-11-24T20:10:00Z', '2026-11-24T20:20:00Z', chicago)).toBe('2:10–2:20\u00a0PM');
  });

  it('falls back to UTC, labelled, for a zone this browser does not know', () => {
    expect(plain(formatTimeRange('2026-11-24T20:10:00Z', '2026-11-24T20:20:00Z', 'Mars/Olympus_Mons'))).toBe('8:10–8:20 PM UTC');
  });
});

describe('formatArrival', () => {
  const eta = { earliest: '2026-11-24T20:10:00Z', latest: '2026-11-24T20:20:00Z' };

  it('says when the technician should arrive', () => {
    expect(plain(formatArrival(eta, chicago, new Date('2026-11-24T19:58:00Z')))).toBe('Arriving 2:10–2:20 PM');
    expect(plain(formatArrival(eta, chicago, new Date('2026-11-24T20:09:59Z')))).toBe('Arriving 2:10–2:20 PM');
  });

  it('once the range has started (the walk-through\'s 5:56 PM for "5:55–6:05 PM"), and after it, says "Arriving any minute", never a start gone by', () => {
    const walkThrough = { earliest: '2026-11-24T23:55:00Z', latest: '2026-11-25T00:05:00Z' };
    expect(plain(formatArrival(walkThrough, chicago, new Date('2026-11-24T23:54:00Z')))).toBe('Arriving 5:55–6:05 PM');
    expect(formatArrival(walkThrough, chicago, new Date('2026-11-24T23:56:00Z'))).toBe('Arriving any minute');
    expect(formatArrival(eta, chicago, new Date('2026-11-24T20:10:00Z'))).toBe('Arriving any minute');
    expect(formatArrival(eta, chicago, new Date('2026-11-24T20:21:00Z'))).toBe('Arriving any minute');
  });
});

describe('formatDistance', () => {
  it('shows miles or kilometres with one decimal', () => {
    expect(plain(formatDistance(3701, 'mi'))).toBe('2.3 mi');
    expect(plain(formatDistance(3701, 'km'))).toBe('3.7 km');
    expect(plain(formatDistance(1609.344, 'mi'))).toBe('1.0 mi');
    expect(plain(formatDistance(1_204_500, 'km'))).toBe('1,204.5 km');
  });

  it('rounds to the nearest tenth', () => {
    expect(plain(formatDistance(1249, 'km'))).toBe('1.2 km');
    expect(plain(formatDistance(1251, 'km'))).toBe('1.3 km');
  });

  it('says "less than 0.1" rather than 0.0 when the technician is about there', () => {
    expect(plain(formatDistance(40, 'km'))).toBe('less than 0.1 km');
    expect(plain(formatDistance(0, 'mi'))).toBe('less than 0.1 mi');
    expect(plain(formatDistance(-5, 'mi'))).toBe('less than 0.1 mi');
    expect(plain(formatDistance(50, 'km'))).toBe('0.1 km');
  });

  it('keeps the unit on the line of its number', () => {
    expect(formatDistance(3701, 'mi')).toBe('2.3\u00a0mi');
  });
});

describe('initials', () => {
  it.each([
    ['Dev Okafor', 'DO'],
    ['Maria Lopez', 'ML'],
    ['Cher', 'C'],
    ['  dev   okafor  ', 'DO'],
    ['María-José de la Cruz', 'MC'],
    ['Łukasz Żółw', 'ŁŻ'],
    ['J. R. R. Tolkien', 'JT'],
    ['"Big" Dave (lead)', 'BL'],
    ['Dev 2', 'D'],
    ['𝒜lice Smith', '𝒜S'],
    ['李 小龙', '李小'],
    ['', '?'],
    ['   ', '?'],
    ['42', '?'],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});

describe('formatAgo', () => {
  const at = '2026-11-24T20:00:00Z';
  const after = (seconds: number) => new Date(new Date(at).getTime() + seconds * 1000);

  it('counts seconds, then minutes, then hours', () => {
    expect(plain(formatAgo(at, after(20)))).toBe('20 s ago');
    expect(plain(formatAgo(at, after(59.9)))).toBe('59 s ago');
    expect(plain(formatAgo(at, after(60)))).toBe('1 min ago');
    expect(plain(formatAgo(at, after(3599)))).toBe('59 min ago');
    expect(plain(formatAgo(at, after(3600)))).toBe('1 h ago');
    expect(plain(formatAgo(at, after(3 * 3600 + 1200)))).toBe('3 h ago');
  });

  it('says "just now" for the first seconds and for a time a little ahead of this device', () => {
    expect(formatAgo(at, after(0))).toBe('just now');
    expect(formatAgo(at, after(4.9))).toBe('just now');
    expect(formatAgo(at, after(-30))).toBe('just now');
  });

  it('says "just now" rather than "NaN" for an unreadable time', () => {
    expect(formatAgo('not a time', after(10))).toBe('just now');
  });
});
