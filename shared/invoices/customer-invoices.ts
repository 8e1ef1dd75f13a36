/** The signed-in customer's invoices: their open and paid lists, and one invoice with its payments. */
import type { InvoiceDetail, InvoiceListResponse } from '../api/contract';
import { InvalidInput, NotFound } from '../domain/errors';
import type { Session } from '../domain/model';
import type { InvoiceStore } from '../domain/ports';
import { invoiceEntity, type InvoiceList } from '../data/entities/invoice';
import { decodeCursor, encodeCursor } from '../business-api/cursors';
import { invoiceDetailOf, invoiceSummaryOf } from './views';

/** Who asks for a customer's invoices: a session (everything of theirs), or a pay link (`only` its invoice). */
export interface CustomerScope {
  businessId: string;
  customerId: string;
  only?: { kind: 'invoice'; id: string } | null;
}

/** Whether a pay link's holder is reaching past the one invoice it opens. */
export const outOfScope = (caller: CustomerScope, invoiceId: string): boolean => !!caller.only && caller.only.id !== invoiceId;

const badCursor = () => new InvalidInput([{ field: 'query.cursor', message: 'is not a valid cursor for this list; start again from the first page' }]);

export async function listCustomerInvoices(
  session: Session,
  query: { status: InvoiceList; cursor?: string | undefined; limit: number },
  deps: { invoices: InvoiceStore },
): Promise<InvoiceListResponse> {
  const after = query.cursor ? decodeListCursor(query.cursor, query.status) : null;
  const page = await deps.invoices.listCustomerInvoices(session.businessId, session.customerId, { list: query.status, limit: query.limit, after });
  return { items: page.items.map(invoiceSummaryOf), nextCursor: page.lastKey ? encodeCursor({ l: query.status, sk: page.lastKey }) : null };
}

/** The cursor names its list and holds a list sort key; it is only ever used in the session's own list. */
function decodeListCursor(cursor: string, list: InvoiceList): string {
  const value = decodeCursor(cursor) as { l?: unknown; sk?: unknown } | null;
  const sk = value?.sk;
  if (value?.l !== list || typeof sk !== 'string' || !invoiceEntity.listSortKeyPattern.test(sk)) throw badCursor();
  return sk;
}

/**
 * Another customer's invoice is answered exactly like one that does not exist, and so is any
 * invoice but its own to the holder of a pay link (`only`).
 */
export async function getCustomerInvoice(caller: CustomerScope, invoiceId: string, deps: { invoices: InvoiceStore }): Promise<InvoiceDetail> {
  const invoice = outOfScope(caller, invoiceId) ? null : await deps.invoices.getInvoice(caller.businessId, invoiceId);
  if (!invoice || invoice.customerId !== caller.customerId) throw new NotFound(`There is no invoice ${invoiceId}.`);
  return invoiceDetailOf(invoice, await deps.invoices.listPayments(caller.businessId, invoiceId));
}
