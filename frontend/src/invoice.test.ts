import { isOverdue } from './invoice';

const chicago = 'America/Chicago';
// 18:00Z on 24 November 2026 is noon in Chicago (CST, UTC-6).
const now = new Date('2026-11-24T18:00:00Z');
const invoice = (dueAt: string, balance = 17950, status: 'open' | 'processing' | 'paid' | 'disputed' = 'open') => ({ dueAt, balance, status });

describe('isOverdue', () => {
  it('is overdue once the due day has passed and something is left to pay', () => {
    expect(isOverdue(invoice('2026-11-23T18:00:00Z'), chicago, now)).toBe(true);
    expect(isOverdue(invoice('2026-10-01T18:00:00Z', 1), chicago, now)).toBe(true);
  });

  it('is not overdue on the due day itself, even after the due instant', () => {
    expect(isOverdue(invoice('2026-11-24T15:00:00Z'), chicago, now)).toBe(false);
    expect(isOverdue(invoice('2026-11-25T05:59:59Z'), chicago, now)).toBe(false);
  });

  it('counts days in the business time zone, not UTC', () => {
    // 03:00Z on the 24th is still the 23rd, 9 PM, in Chicago: overdue there, not in UTC.
    const lateEvening = invoice('2026-11-24T03:00:00Z');
    expect(isOverdue(lateEvening, chicago, now)).toBe(true);
    expect(isOverdue(lateEvening, 'UTC', now)).toBe(false);
  });

  it('is never overdue when nothing is left to pay or a bank payment is on its way', () => {
    expect(isOverdue(invoice('2026-11-01T18:00:00Z', 0, 'paid'), chicago, now)).toBe(false);
    expect(isOverdue(invoice('2026-11-01T18:00:00Z', -500, 'open'), chicago, now)).toBe(false);
    expect(isOverdue(invoice('2026-11-01T18:00:00Z', 17950, 'processing'), chicago, now)).toBe(false);
    expect(isOverdue(invoice('2026-11-01T18:00:00Z', 17950, 'disputed'), chicago, now)).toBe(true);
  });

  it('is not overdue before the due day', () => {
    expect(isOverdue(invoice('2026-12-03T18:00:00Z'), chicago, now)).toBe(false);
  });
});
