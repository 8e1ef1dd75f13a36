import type { InvoiceStatus } from '../contract/customer/invoices';
import type { OwedSteps } from '../followups/owed';
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

/** A payment as the customer's list of recent payments holds it: with its invoice's number. */
export interface CustomerPayment extends InvoicePaymentRecord {
  invoiceNumber: string;
}

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

/** Which payments an invoice's ledger counts: kept beside the record, written with it. */
export interface PaymentTracking {
  /** Ids of the payments counted in `amountPaid`: each is applied exactly once. */
  appliedPaymentIds: string[];
  /** Bank payments on their way, by payment id: their sum is `amountPending`. */
  pendingPayments: Record<string, number>;
  /** What was given back of each payment (cumulative, by payment id): their sum is `amountRefunded`. */
  refundedPayments: Record<string, number>;
  /** Payments under an open dispute: `disputed` while any is. */
  disputedPaymentIds: string[];
  /** Payments on top of a paid invoice: what each paid beyond the total (refunded automatically). */
  duplicatePayments: Record<string, number>;
}

export const noPayments: PaymentTracking = { appliedPaymentIds: [], pendingPayments: {}, refundedPayments: {}, disputedPaymentIds: [], duplicatePayments: {} };

/**
 * An invoice as its writes see it: the record, the payments its ledger counts, the live checkout
 * holding it (security.md rule 51; `until` = the checkout's expiry) and the follow-up steps owed.
 */
export interface InvoiceState extends InvoiceRecord, PaymentTracking {
  checkoutHold: { checkoutId: string; until: string } | null;
  owed: OwedSteps;
}

export const trackingOf = (invoice: InvoiceState): PaymentTracking => ({
  appliedPaymentIds: invoice.appliedPaymentIds,
  pendingPayments: invoice.pendingPayments,
  refundedPayments: invoice.refundedPayments,
  disputedPaymentIds: invoice.disputedPaymentIds,
  duplicatePayments: invoice.duplicatePayments,
});

export const toInvoiceRecord = ({ appliedPaymentIds: _a, pendingPayments: _p, refundedPayments: _r, disputedPaymentIds: _d, duplicatePayments: _x, checkoutHold: _h, owed: _o, ...invoice }: InvoiceState): InvoiceRecord => invoice;

/** Which of the customer's two lists an invoice is in. */
export type InvoiceList = 'open' | 'paid';
export const invoiceListOf = (status: InvoiceStatus): InvoiceList => (status === 'open' || status === 'processing' ? 'open' : 'paid');
