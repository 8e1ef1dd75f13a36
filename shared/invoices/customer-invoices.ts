/** The signed-in customer's invoices: their open and paid lists, and one invoice with its payments. */
import type { InvoiceDetail, InvoiceListResponse } from '../contract/customer/invoices';
import { NotFound } from '../kernel/errors';
import type { InvoiceRecord } from './model';
import type { InvoiceStore } from './port';
import { type InvoiceList } from './model';
import { invoiceDetailOf, invoiceSummaryOf } from './views';

/**
 * Who asks for a customer's invoices and estimates: a session (everything of theirs), or a link
 * (`only`): a pay link reaches its invoice, an estimate link its estimate and that estimate's
 * deposit invoice.
 */
export interface CustomerScope {
  businessId: string;
  customerId: string;
  only?: { kind: 'invoice' | 'estimate' | 'form'; id: string } | null;
}

/** Whether the caller may see this invoice: the customer's own, and within what their link opens. */
export function reachesInvoice(caller: CustomerScope, invoice: Pick<InvoiceRecord, 'id' | 'customerId' | 'estimateId'> | null): boolean {
  if (!invoice || invoice.customerId !== caller.customerId) return false;
  if (!caller.only) return true;
  // A form link reaches no invoice.
  if (caller.only.kind === 'form') return false;
  return caller.only.kind === 'invoice' ? caller.only.id === invoice.id : caller.only.id === invoice.estimateId;
}

export async function listCustomerInvoices(
  session: Pick<CustomerScope, 'businessId' | 'customerId'>,
  query: { status: InvoiceList; cursor?: string | undefined; limit: number },
  deps: { invoices: InvoiceStore },
): Promise<InvoiceListResponse> {
  const page = await deps.invoices.listCustomerInvoices(session.businessId, session.customerId, { list: query.status, limit: query.limit, cursor: query.cursor ?? null });
  return { items: page.items.map(invoiceSummaryOf), nextCursor: page.nextCursor };
}

/**
 * Another customer's invoice is answered exactly like one that does not exist, and so is any
 * invoice a link's holder was not sent (`only`).
 */
export async function getCustomerInvoice(caller: CustomerScope, invoiceId: string, deps: { invoices: InvoiceStore }): Promise<InvoiceDetail> {
  const invoice = await deps.invoices.getInvoice(caller.businessId, invoiceId);
  if (!invoice || !reachesInvoice(caller, invoice)) throw new NotFound(`There is no invoice ${invoiceId}.`).saying('problems.invoice.not-found', { id: invoiceId });
  return invoiceDetailOf(invoice, await deps.invoices.listPayments(caller.businessId, invoiceId));
}
