import type { InvoicePaymentRecord, InvoiceRecord } from './model';

import type { InvoiceList, PaymentTracking, InvoiceState } from './model';

import type { OwedSteps } from '../followups/owed';
import type { StorePage } from '../kernel/types';
import type { ChangesKey, ChangesQuery } from '../data/changes';

export interface InvoiceStore {
  getInvoice(businessId: string, invoiceId: string, options?: { consistent?: boolean }): Promise<InvoiceState | null>;
  /** Writes every attribute of the invoice if the stored version is `expectedVersion` (null: it must not exist). */
  putInvoice(invoice: InvoiceRecord, tracking: PaymentTracking, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  listInvoicesChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<InvoiceState, ChangesKey>>;
  /**
   * Holds the invoice for a live checkout until `until` (its session's expiry): true when it was
   * free, its hold had lapsed at `now`, or the checkout already held it; false when another live
   * checkout holds it.
   */
  holdForCheckout(businessId: string, invoiceId: string, hold: { checkoutId: string; until: string }, now: string): Promise<boolean>;
  /** Lets go of the invoice if that checkout still holds it. */
  releaseCheckoutHold(businessId: string, invoiceId: string, checkoutId: string): Promise<void>;
  /** The customer's open list (soonest due first) or paid list (newest issued first); `after` is a list sort key from a previous page. */
  listCustomerInvoices(businessId: string, customerId: string, query: { list: InvoiceList; limit: number; after: string | null }): Promise<StorePage<InvoiceState, string>>;
  /** Creates the payment item; false when one with that id exists already. */
  putPayment(businessId: string, payment: InvoicePaymentRecord, now: string): Promise<boolean>;
  getPayment(businessId: string, invoiceId: string, paymentId: string): Promise<InvoicePaymentRecord | null>;
  /** All of an invoice's payments, oldest first. */
  listPayments(businessId: string, invoiceId: string): Promise<InvoicePaymentRecord[]>;
}
