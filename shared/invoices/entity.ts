/**
 * An invoice: its own item (the lines the business wrote plus the server-owned ledger), its
 * payments in the invoice's partition (one item per payment, keyed by the payment's id, so
 * recording one twice writes nothing new), and a pointer in its job's partition so the job page
 * finds it.
 *
 * The customer's "open" and "paid" lists are the customer-lists index: the invoice item carries
 * `gsi2pk = …#INVOICES#<open|paid>` and `gsi2sk` (due date when open, issue date when paid), and
 * the same UpdateItem that changes its status moves it.
 */
import * as v from 'valibot';
import { invoiceListOf, type InvoiceList, type InvoicePaymentRecord, type InvoiceRecord, type InvoiceState, type PaymentTracking } from './model';
import { tableDefinition } from '../data/table';
import { bizPrefix, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { customerEntity } from '../directory/customer-entity';
import { OwedStepsSchema } from '../followups/owed';

const invoiceStatus = v.picklist(['open', 'processing', 'paid', 'partially_refunded', 'refunded', 'disputed']);
/** A priced line, as invoices and estimate options store it. */
export const InvoiceLineItem = v.object({ description: v.string(), quantity: v.number(), unitAmount: v.number() });

const InvoiceItem = v.object({
  businessId: v.string(),
  id: v.string(),
  customerId: v.string(),
  jobId: nullableString,
  estimateId: v.optional(nullableString, null),
  number: v.string(),
  issuedAt: v.string(),
  dueAt: v.string(),
  currency: v.string(),
  lines: v.array(InvoiceLineItem),
  taxAmount: v.number(),
  total: v.number(),
  status: invoiceStatus,
  amountPaid: v.number(),
  amountRefunded: v.number(),
  amountPending: v.number(),
  disputed: v.boolean(),
  ...versionedEntries,
  /** Ids of the payments counted in `amountPaid`: each is applied exactly once. */
  appliedPaymentIds: v.optional(v.array(v.string()), []),
  /** Bank payments on their way, by payment id: their sum is `amountPending`. */
  pendingPayments: v.optional(v.record(v.string(), v.number()), {}),
  /** What was given back of each payment (cumulative, by payment id): their sum is `amountRefunded`. */
  refundedPayments: v.optional(v.record(v.string(), v.number()), {}),
  /** Payments under an open dispute: `disputed` while any is. */
  disputedPaymentIds: v.optional(v.array(v.string()), []),
  /**
   * Payments that came on top of a paid invoice (a second checkout paid at Stripe): what each
   * paid beyond the total, by payment id. The excess is refunded automatically; the status counts
   * the invoice paid, not partly refunded, once it is.
   */
  duplicatePayments: v.optional(v.record(v.string(), v.number()), {}),
  /** A live checkout holding the invoice, so no second one can take it (security.md rule 51); `until` = the session's expiry. */
  checkoutHold: v.optional(v.nullable(v.object({ checkoutId: v.string(), until: v.string() })), null),
  /** Follow-up steps a ledger write owes (shared/followups), until they are done. */
  owed: OwedStepsSchema,
});

const { changesIndex, listsIndex } = tableDefinition;

export const invoiceEntity = {
  type: 'invoice',
  partition: (businessId: string, invoiceId: string) => `${bizPrefix(businessId)}#INV#${invoiceId}`,
  key: (businessId: string, invoiceId: string): Key => ({ pk: invoiceEntity.partition(businessId, invoiceId), sk: 'INVOICE' }),
  changesPartition: (businessId: string) => `${bizPrefix(businessId)}#INVOICES`,
  listPartition: (businessId: string, customerId: string, list: InvoiceList) => `${customerEntity.partition(businessId, customerId)}#INVOICES#${list}`,
  /**
   * The open list reads soonest due first (what to pay next), the paid list newest issued first;
   * the id breaks ties. The write that moves an invoice between lists re-keys it too.
   */
  listSortKey: (invoice: Pick<InvoiceRecord, 'issuedAt' | 'dueAt' | 'id' | 'status'>) =>
    `${invoiceListOf(invoice.status) === 'open' ? invoice.dueAt : invoice.issuedAt}#${invoice.id}`,
  /** Which way a list reads its index: open ascending by due date, paid descending by issue date. */
  listReadsForward: (list: InvoiceList) => list === 'open',
  /** Every attribute of the invoice, with both index entries derived from it. */
  attributes: (invoice: InvoiceRecord, tracking: PaymentTracking): Item => ({
    type: invoiceEntity.type,
    ...invoice,
    ...tracking,
    [changesIndex.partitionKey]: invoiceEntity.changesPartition(invoice.businessId),
    [changesIndex.sortKey]: `${invoice.updatedAt}#${invoice.id}`,
    [listsIndex.partitionKey]: invoiceEntity.listPartition(invoice.businessId, invoice.customerId, invoiceListOf(invoice.status)),
    [listsIndex.sortKey]: invoiceEntity.listSortKey(invoice),
  }),
  fromItem: (item: Item): InvoiceState => parseItem(invoiceEntity.type, InvoiceItem, item),
};

const InvoicePaymentItem = v.object({
  id: v.string(),
  invoiceId: v.string(),
  paidAt: v.string(),
  method: v.picklist(['cash', 'check', 'card', 'us_bank_account', 'affirm', 'klarna', 'other']),
  amount: v.number(),
  currency: v.string(),
  reference: nullableString,
  source: v.picklist(['offline', 'stripe']),
  createdAt: v.string(),
});

export const invoicePaymentEntity = {
  type: 'invoicePayment',
  prefix: 'PAYMENT#',
  /**
   * The customer's payments, newest first, for Home's "recent payments" (the lists index: one
   * Query). Payments written before Home carry none and are not on it.
   */
  customerListPartition: (businessId: string, customerId: string) => `${customerEntity.partition(businessId, customerId)}#PAYMENTS`,
  /** Keyed by the payment's own id: writing the same payment again finds it there. */
  key: (businessId: string, invoiceId: string, paymentId: string): Key => ({ pk: invoiceEntity.partition(businessId, invoiceId), sk: `PAYMENT#${paymentId}` }),
  fromItem: (item: Item): InvoicePaymentRecord => {
    const { createdAt: _c, ...payment } = parseItem(invoicePaymentEntity.type, InvoicePaymentItem, item);
    return payment;
  },
};
