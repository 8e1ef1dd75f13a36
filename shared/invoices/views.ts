/** How invoices are shown: to the customer (portal) and to the business (API). */
import type { InvoicePaymentRecord, InvoiceRecord, InvoiceState } from './model';
import { balanceOf } from './ledger';
import type { InvoiceDetail, InvoicePaymentView, InvoiceSummary } from '../contract/customer/invoices';
import { invoiceSubtotal, lineTotal } from '../contract/totals';

export const invoiceSummaryOf = (invoice: InvoiceRecord): InvoiceSummary => ({
  id: invoice.id,
  number: invoice.number,
  jobId: invoice.jobId,
  issuedAt: invoice.issuedAt,
  dueAt: invoice.dueAt,
  total: invoice.total,
  amountPaid: invoice.amountPaid,
  amountPending: invoice.amountPending,
  balance: balanceOf(invoice),
  currency: invoice.currency,
  status: invoice.status,
});

/**
 * Only payments the invoice counts: a payment item whose application was refused (the invoice
 * was paid by something else first) or is still being finished is not shown as paid.
 */
export const appliedPayments = (invoice: InvoiceState, payments: InvoicePaymentRecord[]): InvoicePaymentRecord[] =>
  payments.filter((p) => invoice.appliedPaymentIds.includes(p.id));

const paymentView = (p: InvoicePaymentRecord): InvoicePaymentView => ({ id: p.id, paidAt: p.paidAt, method: p.method, amount: p.amount, currency: p.currency });

export const invoiceDetailOf = (invoice: InvoiceState, payments: InvoicePaymentRecord[]): InvoiceDetail => ({
  ...invoiceSummaryOf(invoice),
  lines: invoice.lines.map((line) => ({ ...line, amount: lineTotal(line) })),
  subtotal: invoiceSubtotal(invoice.lines),
  taxAmount: invoice.taxAmount,
  amountRefunded: invoice.amountRefunded,
  payments: appliedPayments(invoice, payments).map(paymentView),
});

/** The business's view: everything it wrote, the ledger, and (when it reads one invoice) the payments applied to it. */
export function businessInvoiceView(invoice: InvoiceRecord, appliedPaymentRecords?: InvoicePaymentRecord[]) {
  return {
    id: invoice.id,
    customerId: invoice.customerId,
    jobId: invoice.jobId,
    /** Set on a deposit invoice the portal made when this estimate was approved. */
    estimateId: invoice.estimateId,
    number: invoice.number,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    currency: invoice.currency,
    lines: invoice.lines.map((line) => ({ ...line, amount: lineTotal(line) })),
    taxAmount: invoice.taxAmount,
    subtotal: invoiceSubtotal(invoice.lines),
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    amountRefunded: invoice.amountRefunded,
    amountPending: invoice.amountPending,
    balance: balanceOf(invoice),
    status: invoice.status,
    disputed: invoice.disputed,
    version: invoice.version,
    createdAt: invoice.createdAt,
    updatedAt: invoice.updatedAt,
    ...(appliedPaymentRecords ? { payments: appliedPaymentRecords.map((p) => ({ ...paymentView(p), reference: p.reference, source: p.source })) } : {}),
  };
}
