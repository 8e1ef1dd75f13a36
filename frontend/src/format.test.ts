import {
  calendarDay,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatMoney,
  formatPaymentMethod,
  formatPhone,
  formatPriceRange,
  formatStatus,
  formatTimeRange,
  formatVisit,
} from './format';
import { showCatalogs } from '../test/i18n-support';

// The words come from the English catalog, as a browser set to English gets them.
beforeAll(() => showCatalogs('en'));

/** Newer ICU puts a narrow no-break space before AM/PM; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const now = new Date('2026-11-21T12:00:00Z');
const chicago = 'America/Chicago';

describe('formatVisit', () => {
  it('shows the day and the arrival window in the business time zone', () => {
    // 15:00Z is 9 AM in Chicago (CST, UTC-6) on Tuesday 24 November 2026.
    const window = { start: '2026-11-24T15:00:00Z', end: '2026-11-24T17:00:00Z' };
    expect(plain(formatVisit(window, chicago, now))).toBe('Tue, Nov 24 · 9:00 AM – 11:00 AM');
  });

  it('uses the business zone, not UTC: a late-evening visit stays on its local day', () => {
    // 2026-11-25T02:30Z is still the 24th, 8:30 PM, in Chicago.
    const window = { start: '2026-11-25T02:30:00Z', end: '2026-11-25T04:00:00Z' };
    expect(plain(formatVisit(window, chicago, now))).toBe('Tue, Nov 24 · 8:30 PM – 10:00 PM');
    expect(plain(formatVisit(window, 'UTC', now))).toBe('Wed, Nov 25 · 2:30 AM – 4:00 AM');
  });

  it('names both days when the window crosses midnight', () => {
    const window = { start: '2026-11-25T05:00:00Z', end: '2026-11-25T07:00:00Z' };
    expect(plain(formatVisit(window, chicago, now))).toBe('Tue, Nov 24 · 11:00 PM – Wed, Nov 25 · 1:00 AM');
  });

  it('follows daylight saving time', () => {
    // July: CDT, UTC-5.
    const window = { start: '2026-07-07T14:00:00Z', end: '2026-07-07T16:00:00Z' };
    expect(plain(formatVisit(window, chicago, now))).toBe('Tue, Jul 7 · 9:00 AM – 11:00 AM');
  });
});

describe('formatDate', () => {
  it('adds the year only when it is not the current year in that zone', () => {
    expect(formatDate('2026-03-02T18:00:00Z', chicago, now)).toBe('Mon, Mar 2');
    expect(formatDate('2025-03-03T18:00:00Z', chicago, now)).toBe('Mon, Mar 3, 2025');
  });

  it('falls back to labelled UTC for an unknown zone instead of throwing', () => {
    expect(plain(formatDateTime('2026-11-24T15:00:00Z', 'Mars/Olympus_Mons', now))).toBe('Tue, Nov 24 · 3:00 PM UTC');
  });
});

describe('calendarDay', () => {
  it("gives the instant's day in the zone, in an order strings can compare", () => {
    expect(calendarDay('2026-11-25T02:30:00Z', chicago)).toBe('2026-11-24');
    expect(calendarDay('2026-11-25T02:30:00Z', 'UTC')).toBe('2026-11-25');
    expect(calendarDay('2026-03-02T18:00:00Z', chicago) < calendarDay('2026-11-21T12:00:00Z', chicago)).toBe(true);
  });
});

describe('formatTimeRange', () => {
  it('shows two times on the same day', () => {
    const window = { start: '2026-11-24T15:00:00Z', end: '2026-11-24T15:30:00Z' };
    expect(plain(formatTimeRange(window, chicago, now))).toBe('9:00 AM – 9:30 AM');
  });
});

describe('formatMoney', () => {
  it('converts minor units to the currency', () => {
    expect(formatMoney({ amount: 123456, currency: 'USD' })).toBe('$1,234.56');
    expect(formatMoney({ amount: 0, currency: 'USD' })).toBe('$0.00');
    expect(formatMoney({ amount: 5, currency: 'USD' })).toBe('$0.05');
    expect(formatMoney({ amount: -2500, currency: 'EUR' })).toBe('-€25.00');
  });

  it('knows currencies without (or with three) decimals', () => {
    expect(formatMoney({ amount: 1234, currency: 'JPY' })).toBe('¥1,234');
    expect(formatMoney({ amount: 1234, currency: 'BHD' })).toMatch(/^BHD\s1\.234$/);
  });

  it('does not throw on an invalid currency code', () => {
    expect(formatMoney({ amount: 1999, currency: 'NOPE!' })).toBe('19.99 NOPE!');
  });
});

describe('formatFileSize', () => {
  it('uses bytes, KB and MB with at most one decimal', () => {
    expect(formatFileSize(0)).toBe('0 bytes');
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(1023)).toBe('1,023 bytes');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(250 * 1024)).toBe('250 KB');
    expect(formatFileSize(2.25 * 1024 * 1024)).toBe('2.3 MB');
    expect(formatFileSize(3 * 1024 ** 3)).toBe('3 GB');
  });
});

describe('small labels', () => {
  it('formats North American numbers and leaves others as stored', () => {
    expect(formatPhone('+15555550123')).toBe('(555) 555-0123');
    expect(formatPhone('+447700900123')).toBe('+447700900123');
  });

  it('names statuses and payment methods in plain words', () => {
    expect(formatStatus('in_progress')).toBe('In progress');
    expect(formatStatus('cancelled')).toBe('Cancelled');
    expect(formatPaymentMethod('card')).toBe('Card');
    expect(formatPaymentMethod('us_bank_account')).toBe('Bank account (ACH)');
    expect(formatPaymentMethod('gift_card')).toBe('Gift card');
  });

  it('names invoice statuses for the customer', () => {
    expect(formatStatus('open')).toBe('Open');
    expect(formatStatus('processing')).toBe('Payment processing');
    expect(formatStatus('paid')).toBe('Paid');
    expect(formatStatus('partially_refunded')).toBe('Partly refunded');
    expect(formatStatus('refunded')).toBe('Refunded');
    expect(formatStatus('disputed')).toBe('Disputed');
  });

  it('names estimate statuses for the customer', () => {
    expect(formatStatus('sent')).toBe('Awaiting your decision');
    expect(formatStatus('approved')).toBe('Approved');
    expect(formatStatus('declined')).toBe('Declined');
    expect(formatStatus('expired')).toBe('Expired');
    expect(formatStatus('scheduled')).toBe('Scheduled');
  });

  it('names every invoice payment method in plain words', () => {
    const methods = ['card', 'us_bank_account', 'affirm', 'klarna', 'cash', 'check', 'other'];
    expect(methods.map(formatPaymentMethod)).toEqual(['Card', 'Bank account (ACH)', 'Affirm', 'Klarna', 'Cash', 'Check', 'Other']);
  });
});

describe('formatPriceRange', () => {
  it('shows one price when the options cost the same (or one is chosen), a range otherwise', () => {
    expect(formatPriceRange({ currency: 'USD', priceRange: { low: 120000, high: 120000 } })).toBe('$1,200.00');
    expect(formatPriceRange({ currency: 'USD', priceRange: { low: 120000, high: 340050 } })).toBe('$1,200.00 – $3,400.50');
    expect(formatPriceRange({ currency: 'JPY', priceRange: { low: 5000, high: 9000 } })).toBe('¥5,000 – ¥9,000');
  });
});
