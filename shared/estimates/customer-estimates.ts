/** The customer's estimates: their open, decided and expired lists, and one estimate as the page shows it. */
import type { EstimateDetail, EstimateListResponse } from '../contract/customer/estimates';
import { NotFound } from '../kernel/errors';
import type { EstimateRecord } from './model';
import type { Clock } from '../kernel/types';
import type { EstimateStore } from './port';
import type { InvoiceStore } from '../invoices/port';
import { type EstimateListView } from './model';
import type { CustomerScope } from '../invoices/customer-invoices';
import { estimateDetailOf, estimateSummaryOf } from './views';

/** Whether the caller may see this estimate: the customer's own, and the one their link opens. */
export const reachesEstimate = (caller: CustomerScope, estimate: EstimateRecord | null): estimate is EstimateRecord =>
  !!estimate && estimate.customerId === caller.customerId && (!caller.only || (caller.only.kind === 'estimate' && caller.only.id === estimate.id));

/** Reads the estimate for the caller; another customer's, or one past what a link opens, is answered like one that does not exist. */
export async function estimateFor(caller: CustomerScope, estimateId: string, deps: { estimates: EstimateStore }, options: { consistent?: boolean } = {}): Promise<EstimateRecord> {
  const estimate = await deps.estimates.getEstimate(caller.businessId, estimateId, options);
  if (!reachesEstimate(caller, estimate)) throw new NotFound(`There is no estimate ${estimateId}.`).saying('problems.estimate.not-found', { id: estimateId });
  return estimate;
}

export async function listCustomerEstimates(
  session: Pick<CustomerScope, 'businessId' | 'customerId'>,
  query: { status: EstimateListView; cursor?: string | undefined; limit: number },
  deps: { estimates: EstimateStore; clock: Clock },
): Promise<EstimateListResponse> {
  const now = deps.clock.now();
  const page = await deps.estimates.listCustomerEstimates(session.businessId, session.customerId, { list: query.status, limit: query.limit, cursor: query.cursor ?? null, now: now.toISOString() });
  return { items: page.items.map((e) => estimateSummaryOf(e, now)), nextCursor: page.nextCursor };
}

/** Reading changes nothing: a mail scanner opening the link neither decides nor marks it viewed. */
export async function getCustomerEstimate(caller: CustomerScope, estimateId: string, deps: { estimates: EstimateStore; invoices: InvoiceStore; clock: Clock }): Promise<EstimateDetail> {
  const estimate = await estimateFor(caller, estimateId, deps);
  const depositId = estimate.decision?.depositInvoiceId;
  const deposit = depositId ? await deps.invoices.getInvoice(caller.businessId, depositId) : null;
  return estimateDetailOf(estimate, deposit, deps.clock.now());
}
