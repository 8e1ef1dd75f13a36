/**
 * The ceiling on every amount and every total, in minor units (security.md rule 54): 10^10, i.e.
 * 100,000,000.00 in a two-decimal currency. Each unit price, tax, deposit, payment, line
 * (quantity × unit price) and total is refused above it. A line's product is computed in
 * thousandths of a unit (quantities have 3 decimals), at most 10^13, and a sum of the 200 lines
 * a job may have at most 2 × 10^12: both far below Number.MAX_SAFE_INTEGER (9 × 10^15), so every
 * sum the server makes is an exact integer.
 */
export const maxAmount = 10_000_000_000;

/** Money from minor units, for people: 12345 USD → "$123.45"; JPY has no decimals. One formatter for the portal and its messages. */
export function formatMoney(amount: number, currency: string, locale = 'en-US'): string {
  try {
    const f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(amount / 10 ** digits);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency}`;
  }
}
