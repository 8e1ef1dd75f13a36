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

/**
 * What a job's invoices come to, summed by the server from the invoices in the job's currency
 * (shared/jobs/job-money.ts) and kept on the job: what they ask for in all, what was paid on them,
 * and what is still owed on them (the sum of each invoice's balance).
 */
export interface JobMoney {
  invoicedAmount: number;
  paidAmount: number;
  dueAmount: number;
}

export const noJobMoney: JobMoney = { invoicedAmount: 0, paidAmount: 0, dueAmount: 0 };

export interface JobTotals {
  subtotal: Money;
  tax: Money;
  /** The job's charges and tax: what the work is priced at. */
  total: Money;
  /** What the job's invoices ask for in all. */
  invoiced: Money;
  /** Work priced on the job that no invoice asks for yet: never below zero. */
  notInvoiced: Money;
  /** What was paid on the job's invoices. */
  paid: Money;
  /**
   * Balance due: what the customer owes on the job's invoices (the sum of their balances), the
   * same number the invoices show and the only one they can pay. Not the charges less what was paid.
   */
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

/**
 * A job's totals: its charges add up as an invoice's lines do; its balance due is what its
 * invoices still ask for (issue 17, rough edge 8: one rule, the same on the job, its invoices and
 * the work history); what the charges come to beyond the invoices is shown apart, as not invoiced yet.
 */
export function jobTotals(job: { currency: string; taxAmount: number; charges: PricedLine[] }, money: JobMoney): JobTotals {
  const subtotal = job.charges.reduce((sum, line) => sum + lineTotal(line), 0);
  const amount = (value: number): Money => ({ amount: value, currency: job.currency });
  const total = subtotal + job.taxAmount;
  return {
    subtotal: amount(subtotal),
    tax: amount(job.taxAmount),
    total: amount(total),
    invoiced: amount(money.invoicedAmount),
    notInvoiced: amount(Math.max(0, total - money.invoicedAmount)),
    paid: amount(money.paidAmount),
    balance: amount(money.dueAmount),
  };
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
