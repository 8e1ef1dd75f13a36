/** Money arithmetic for a job, in integer minor units: no floating point in any sum. */
import type { ChargeLine } from './model';
import type { Money } from '../kernel/types';
import { maxAmount } from '../kernel/money';

export interface JobTotals {
  subtotal: Money;
  tax: Money;
  total: Money;
  paid: Money;
  balance: Money;
}

/** A line's total: quantity may have up to 3 decimals (hours), rounded half away from zero to a whole cent. */
export const lineTotal = (line: Pick<ChargeLine, 'quantity' | 'unitAmount'>): number => Math.round((Math.round(line.quantity * 1000) * line.unitAmount) / 1000);

/**
 * Whether a line's quantity × unit price stays within `maxAmount` (security.md rule 54). Checked
 * before `lineTotal` is trusted: past it, the product in thousandths leaves the exact integers.
 * Comparing the float product is safe: near the ceiling (10^13 thousandths) every product is exact.
 */
export const lineWithinCeiling = (line: Pick<ChargeLine, 'quantity' | 'unitAmount'>): boolean => Math.round(line.quantity * 1000) * line.unitAmount <= maxAmount * 1000;

export function jobTotals(job: { currency: string; taxAmount: number; charges: ChargeLine[] }, paidAmount: number): JobTotals {
  const subtotal = job.charges.reduce((sum, line) => sum + lineTotal(line), 0);
  const money = (amount: number): Money => ({ amount, currency: job.currency });
  const total = subtotal + job.taxAmount;
  return { subtotal: money(subtotal), tax: money(job.taxAmount), total: money(total), paid: money(paidAmount), balance: money(total - paidAmount) };
}
