/**
 * The money arithmetic of a document's lines, in integer minor units (no floating point in any
 * sum): a line, a job's totals, an invoice's, an estimate option's. The request schemas check
 * against it (rule 54: the lines must add up within the ceiling) and the server computes with
 * it, so what is validated is what is stored. The one place any of these is computed.
 */
import { maxAmount, type Money } from './money';

/** What a total is made of: a quantity (up to 3 decimals, e.g. hours) at a unit price. */
export interface PricedLine {
  quantity: number;
  unitAmount: number;
}

export interface JobTotals {
  subtotal: Money;
  tax: Money;
  total: Money;
  paid: Money;
  balance: Money;
}

/** A line's total: quantity may have up to 3 decimals (hours), rounded half away from zero to a whole cent. */
export const lineTotal = (line: PricedLine): number => Math.round((Math.round(line.quantity * 1000) * line.unitAmount) / 1000);

/**
 * Whether a line's quantity × unit price stays within `maxAmount` (security.md rule 54). Checked
 * before `lineTotal` is trusted: past it, the product in thousandths leaves the exact integers.
 * Comparing the float product is safe: near the ceiling (10^13 thousandths) every product is exact.
 */
export const lineWithinCeiling = (line: PricedLine): boolean => Math.round(line.quantity * 1000) * line.unitAmount <= maxAmount * 1000;

export function jobTotals(job: { currency: string; taxAmount: number; charges: PricedLine[] }, paidAmount: number): JobTotals {
  const subtotal = job.charges.reduce((sum, line) => sum + lineTotal(line), 0);
  const money = (amount: number): Money => ({ amount, currency: job.currency });
  const total = subtotal + job.taxAmount;
  return { subtotal: money(subtotal), tax: money(job.taxAmount), total: money(total), paid: money(paidAmount), balance: money(total - paidAmount) };
}

/** An invoice's lines before tax. */
export const invoiceSubtotal = (lines: PricedLine[]): number => lines.reduce((sum, line) => sum + lineTotal(line), 0);

export const invoiceTotal = (invoice: { lines: PricedLine[]; taxAmount: number }): number => invoiceSubtotal(invoice.lines) + invoice.taxAmount;

export interface OptionTotals {
  subtotal: number;
  taxAmount: number;
  total: number;
}

/** An estimate option's totals: its lines add up as an invoice's do. */
export const optionTotals = (option: { lines: PricedLine[]; taxAmount: number }): OptionTotals => {
  const subtotal = invoiceSubtotal(option.lines);
  return { subtotal, taxAmount: option.taxAmount, total: subtotal + option.taxAmount };
};
