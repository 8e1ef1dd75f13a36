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
