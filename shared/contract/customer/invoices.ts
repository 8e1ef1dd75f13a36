/**
 * The customer API: their invoices. `GET /api/invoices` lists open or paid ones,
 * `GET /api/invoices/{invoiceId}` is one with its lines and payments (a pay link opens its own).
 */
import * as v from 'valibot';
import { cursorParam, limitParam, type Page } from '../common';

export type InvoiceStatus = 'open' | 'processing' | 'paid' | 'partially_refunded' | 'refunded' | 'disputed';

/** `open` lists what is left to pay (or on its way), soonest due first; `paid` the rest, newest issued first. */
export const InvoiceListQuery = v.strictObject({
  status: v.optional(v.picklist(['open', 'paid'], 'must be "open" or "paid"'), 'open'),
  cursor: cursorParam(512),
  limit: limitParam(100, 25),
});
export type InvoiceListQuery = v.InferOutput<typeof InvoiceListQuery>;

/** An invoice's or an estimate's id in the customer API. */
export const DocumentId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"'));
export const InvoicePath = v.strictObject({ invoiceId: DocumentId });

export interface InvoiceSummary {
  id: string;
  number: string;
  jobId: string | null;
  issuedAt: string;
  dueAt: string;
  /** Amounts in minor units of `currency`. */
  total: number;
  amountPaid: number;
  /** Bank payments on their way (not in `amountPaid` until they settle; a failed one is dropped). */
  amountPending: number;
  balance: number;
  currency: string;
  status: InvoiceStatus;
}

export type InvoiceListResponse = Page<InvoiceSummary>;

export interface InvoiceLineView {
  description: string;
  quantity: number;
  unitAmount: number;
  /** quantity × unitAmount, rounded to a whole minor unit. */
  amount: number;
}

export interface InvoicePaymentView {
  id: string;
  paidAt: string;
  /** `card`, `us_bank_account`, `affirm`, `klarna`, `cash`, `check` or `other`. */
  method: string;
  amount: number;
  currency: string;
}

export interface InvoiceDetail extends InvoiceSummary {
  lines: InvoiceLineView[];
  subtotal: number;
  taxAmount: number;
  amountRefunded: number;
  payments: InvoicePaymentView[];
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerInvoiceSchemas = {
  listInvoices: { query: InvoiceListQuery },
  getInvoice: { path: InvoicePath },
} as const;
