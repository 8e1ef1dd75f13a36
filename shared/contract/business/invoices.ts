/** The business API: invoices, payments taken outside the portal, and pay links. */
import * as v from 'valibot';
import { singleLineText as text } from '../text';
import { invoiceTotal } from '../totals';
import { Amount, ChangesListQuery, Currency, ExternalId, Instant, InviteBody, InvoiceLine, sumWithinCeiling, totalWithinMax } from './common';

export const PutInvoiceBody = v.pipe(
  v.strictObject({
    customerId: ExternalId,
    /** The job this invoice bills, if any: the job page then shows the invoice's status. */
    jobId: v.optional(v.nullable(ExternalId), null),
    number: text(40, 'number'),
    issuedAt: Instant,
    dueAt: Instant,
    currency: Currency,
    lines: v.pipe(v.array(InvoiceLine, 'must be a list'), v.minLength(1, 'must have at least one line'), v.maxLength(100, 'must have at most 100 lines')),
    taxAmount: v.optional(Amount, 0),
  }),
  v.forward(v.check((invoice) => invoice.issuedAt <= invoice.dueAt, 'must not be before issuedAt'), ['dueAt']),
  v.forward(v.check((invoice) => sumWithinCeiling(invoice.lines, invoice.taxAmount, () => invoiceTotal(invoice)), totalWithinMax), ['lines']),
);
export type PutInvoiceBody = v.InferOutput<typeof PutInvoiceBody>;

/** A payment taken outside the portal; card, bank and financing payments come from Stripe only. */
export const PostInvoicePaymentBody = v.strictObject({
  amount: v.pipe(Amount, v.minValue(1, 'must be at least 1')),
  currency: Currency,
  method: v.picklist(['cash', 'check', 'other'], 'must be cash, check or other'),
  /** When it was paid (default: now); never in the future. */
  paidAt: v.optional(Instant),
  /** A check number or receipt reference. */
  reference: v.optional(v.nullable(text(100, 'reference')), null),
});
export type PostInvoicePaymentBody = v.InferOutput<typeof PostInvoicePaymentBody>;

export const InvoicePath = v.strictObject({ invoiceId: ExternalId });
/** Deposit invoices are the portal's (made on approval): the business reads them and records payments on them, but never writes them. */
export const WritableInvoicePath = v.strictObject({
  invoiceId: v.pipe(ExternalId, v.check((id) => !id.startsWith('deposit_'), 'must not start with "deposit_": those ids are the deposit invoices the portal makes')),
});

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessInvoiceSchemas = {
  putInvoice: { path: WritableInvoicePath, body: PutInvoiceBody },
  getBusinessInvoice: { path: InvoicePath },
  listBusinessInvoices: { query: ChangesListQuery },
  postInvoicePayment: { path: InvoicePath, body: PostInvoicePaymentBody },
  sendInvoice: { path: InvoicePath, body: InviteBody },
  revokeInvoiceLinks: { path: InvoicePath },
} as const;
