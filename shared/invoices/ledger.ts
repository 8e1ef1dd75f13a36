/**
 * An invoice's money, in integer minor units: its total from the lines, and its status from the
 * server-owned ledger. The one place either is computed.
 */
import type { InvoiceLedger, InvoiceLine, InvoiceStatus } from './model';
import { lineTotal } from '../jobs/totals';

export const invoiceSubtotal = (lines: InvoiceLine[]): number => lines.reduce((sum, line) => sum + lineTotal(line), 0);

export const invoiceTotal = (invoice: { lines: InvoiceLine[]; taxAmount: number }): number => invoiceSubtotal(invoice.lines) + invoice.taxAmount;

/** What is still owed: the total less what was paid (a refund does not reopen an invoice). */
export const balanceOf = (invoice: { total: number; amountPaid: number }): number => Math.max(0, invoice.total - invoice.amountPaid);

/** What a new payment may cover now: the balance less bank payments already on their way. */
export const payableOf = (invoice: { total: number; amountPaid: number; amountPending: number }): number => Math.max(0, balanceOf(invoice) - invoice.amountPending);

export const emptyLedger: InvoiceLedger = { amountPaid: 0, amountRefunded: 0, amountPending: 0, disputed: false };

/**
 * The status a ledger means, most pressing first: a dispute, then refunds, then paid in full,
 * then a bank payment on its way, else open.
 */
export function statusOf(ledger: InvoiceLedger, total: number): InvoiceStatus {
  if (ledger.disputed) return 'disputed';
  if (ledger.amountRefunded > 0) return ledger.amountRefunded >= ledger.amountPaid ? 'refunded' : 'partially_refunded';
  if (ledger.amountPaid >= total) return 'paid';
  if (ledger.amountPending > 0) return 'processing';
  return 'open';
}
