import type { CustomerPayment, InvoicePaymentRecord, InvoiceRecord, InvoiceList, PaymentTracking, InvoiceState } from './model';

import type { OwedSteps } from '../followups/owed';
import type { StorePage, ChangesQuery } from '../kernel/types';

export interface InvoiceStore {
  getInvoice(businessId: string, invoiceId: string, options?: { consistent?: boolean }): Promise<InvoiceState | null>;
  /** Those of the invoices that exist, in one read (in no particular order). */
  getInvoices(businessId: string, invoiceIds: string[]): Promise<InvoiceState[]>;
  /** Writes every attribute of the invoice if the stored version is `expectedVersion` (null: it must not exist). */
  putInvoice(invoice: InvoiceRecord, tracking: PaymentTracking, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  listInvoicesChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<InvoiceState>>;
  /**
   * Holds the invoice for a live checkout until `until` (its session's expiry): true when it was
   * free, its hold had lapsed at `now`, or the checkout already held it; false when another live
   * checkout holds it.
   */
  holdForCheckout(businessId: string, invoiceId: string, hold: { checkoutId: string; until: string }, now: string): Promise<boolean>;
  /** Lets go of the invoice if that checkout still holds it. */
  releaseCheckoutHold(businessId: string, invoiceId: string, checkoutId: string): Promise<void>;
  /** The customer's open list (soonest due first) or paid list (newest issued first); `after` is a list sort key from a previous page. */
  listCustomerInvoices(businessId: string, customerId: string, query: { list: InvoiceList; limit: number; cursor: string | null }): Promise<StorePage<InvoiceState>>;
  /** Creates the payment item (on its customer's list of payments too); false when one with that id exists already. */
  putPayment(businessId: string, payment: InvoicePaymentRecord, now: string, invoice: { customerId: string; number: string }): Promise<boolean>;
  /** The customer's newest payments, newest first. */
  listRecentPayments(businessId: string, customerId: string, limit: number): Promise<CustomerPayment[]>;
  getPayment(businessId: string, invoiceId: string, paymentId: string): Promise<InvoicePaymentRecord | null>;
  /** All of an invoice's payments, oldest first. */
  listPayments(businessId: string, invoiceId: string): Promise<InvoicePaymentRecord[]>;
}

/** The invoices of a job, through the job's document pointers (shared/jobs/port.ts, `JobDocumentPointers`). */
export interface JobInvoiceList {
  /** Every invoice of the job, read consistently (stale pointers dropped): what its paid amount is summed from. */
  listJobInvoices(businessId: string, jobId: string): Promise<InvoiceState[]>;
}
