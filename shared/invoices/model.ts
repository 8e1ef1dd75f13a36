import type { Versioned } from '../kernel/types';

// ---------- invoices ----------

export interface InvoiceLine {
  description: string;
  /** Up to 3 decimals (hours). */
  quantity: number;
  /** Minor units, in the invoice's currency. */
  unitAmount: number;
}

/** What the business writes about an invoice (`PUT invoices/{invoiceId}`). */
export interface InvoiceFields {
  customerId: string;
  jobId: string | null;
  number: string;
  issuedAt: string;
  dueAt: string;
  currency: string;
  /** Bounded (≤ 100 lines), so they live inside the invoice item. */
  lines: InvoiceLine[];
  taxAmount: number;
}

/**
 * - `open`: something is left to pay. `processing`: a bank payment is on its way.
 * - `paid`; `partially_refunded`, `refunded` (after a payment was returned); `disputed`.
 */
export type InvoiceStatus = 'open' | 'processing' | 'paid' | 'partially_refunded' | 'refunded' | 'disputed';

/** Server-owned money state of an invoice: changed only by recording payments, refunds and disputes. */
export interface InvoiceLedger {
  /** Sum of the payments applied, each exactly once (`appliedPaymentIds`). */
  amountPaid: number;
  /** Of `amountPaid`, how much was given back. */
  amountRefunded: number;
  /** Bank payments started but not settled yet. */
  amountPending: number;
  disputed: boolean;
}

export interface InvoiceRecord extends InvoiceFields, InvoiceLedger, Versioned {
  businessId: string;
  id: string;
  /** Set on a deposit invoice the portal made when an estimate was approved; null on the business's own. */
  estimateId: string | null;
  /** Subtotal of the lines plus tax: derived, stored so lists need no arithmetic. */
  total: number;
  status: InvoiceStatus;
}

export type InvoicePaymentMethod = 'cash' | 'check' | 'card' | 'us_bank_account' | 'affirm' | 'klarna' | 'other';

/** One payment towards one invoice; its id is deterministic (offline: from the request; Stripe: from the PaymentIntent). */
export interface InvoicePaymentRecord {
  id: string;
  invoiceId: string;
  paidAt: string;
  method: InvoicePaymentMethod;
  amount: number;
  currency: string;
  /** Free text the business gave (a check number), or null. */
  reference: string | null;
  source: 'offline' | 'stripe';
}
