/**
 * Money on the wire: integer minor units of an ISO 4217 currency, never floating point. The
 * server, the portal and the messages read an amount the same way, so the ceiling and the one
 * formatter live here, with the contract.
 */

/** An amount in minor units of `currency` (12345 USD is $123.45). */
export interface Money {
  amount: number;
  currency: string;
}

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
    const { format, digits } = moneyFormat(locale, currency);
    return format.format(amount / 10 ** digits);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency}`;
  }
}

/** Building an Intl.NumberFormat costs far more than using one: a page of 50 amounts built 50. */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function moneyFormat(locale: string, currency: string): { format: Intl.NumberFormat; digits: number } {
  const key = `${locale} ${currency}`;
  let found = moneyFormats.get(key);
  if (!found) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    found = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    moneyFormats.set(key, found);
  }
  return found;
}
