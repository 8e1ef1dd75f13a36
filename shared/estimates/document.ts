/**
 * An estimate's money and its document: option totals, what a deposit comes to, and the
 * canonical form of exactly what the customer is shown, whose SHA-256 the signature record keeps.
 * The one place any of these is computed.
 */
import { createHash } from 'node:crypto';
import type { DepositRule, EstimateOption, EstimateRecord } from './model';
import { canonicalJson } from '../kernel/canonical-json';
import { derivedId } from '../kernel/ids';
import { lineTotal } from '../jobs/totals';
import { invoiceSubtotal } from '../invoices/ledger';

export interface OptionTotals {
  subtotal: number;
  taxAmount: number;
  total: number;
}

export const optionTotals = (option: Pick<EstimateOption, 'lines' | 'taxAmount'>): OptionTotals => {
  const subtotal = invoiceSubtotal(option.lines);
  return { subtotal, taxAmount: option.taxAmount, total: subtotal + option.taxAmount };
};

/** What a deposit comes to on a total: a percentage rounded to the minor unit, or the fixed amount (never above the total). */
export function depositFor(rule: DepositRule | null, total: number): number | null {
  if (!rule) return null;
  const amount = 'percent' in rule ? Math.round((total * rule.percent) / 100) : rule.amount;
  return Math.min(amount, total);
}

/** The deposit invoice's id, derived from the estimate: a retried approval finds the same one. Business ids never start with `deposit_`. */
export const depositInvoicePrefix = 'deposit_';
export const depositInvoiceIdOf = (estimateId: string): string => derivedId(depositInvoicePrefix, estimateId);

/**
 * Exactly what the customer reads for one version: every option with its lines, totals and
 * deposit, the terms and the rules. Keys sorted by canonicalJson, so the hash does not depend on
 * how the item was stored.
 */
export function documentOf(estimate: EstimateRecord) {
  return {
    estimate: estimate.id,
    number: estimate.number,
    title: estimate.title,
    version: estimate.revision,
    currency: estimate.currency,
    expiresAt: estimate.expiresAt,
    terms: estimate.terms,
    signature: estimate.signature,
    deposit: estimate.deposit,
    scheduling: estimate.scheduling,
    options: estimate.options.map((option) => {
      const totals = optionTotals(option);
      return {
        id: option.id,
        name: option.name,
        description: option.description,
        recommended: option.recommended,
        lines: option.lines.map((line) => ({ ...line, amount: lineTotal(line) })),
        ...totals,
        deposit: depositFor(estimate.deposit, totals.total),
      };
    }),
  };
}

/** SHA-256 (hex) of the canonical JSON of the document. */
export const documentHashOf = (estimate: EstimateRecord): string => createHash('sha256').update(canonicalJson(documentOf(estimate))).digest('hex');

/** Whether a `sent` estimate is past its expiry at `now`. */
export const isExpired = (estimate: Pick<EstimateRecord, 'status' | 'expiresAt'>, now: Date): boolean => estimate.status === 'sent' && new Date(estimate.expiresAt).getTime() <= now.getTime();
