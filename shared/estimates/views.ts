/** How estimates are shown: to the customer (portal) and to the business (API). */
import type { EstimateDetail, EstimateStatus, EstimateSummary } from '../contract/customer/estimates';
import type { EstimateRecord } from './model';
import type { InvoiceRecord } from '../invoices/model';
import { balanceOf } from '../invoices/ledger';
import { optionTotals } from '../contract/totals';
import { documentHashOf, documentOf, isExpired } from './document';

/** The status the customer sees: a `sent` estimate past its expiry is `expired`. */
export const statusAt = (estimate: EstimateRecord, now: Date): EstimateStatus => (isExpired(estimate, now) ? 'expired' : estimate.status);

/** After approval the chosen option's total; before, the range over the options. */
function priceRangeOf(estimate: EstimateRecord): { low: number; high: number } {
  const chosen = estimate.decision?.kind === 'approved' ? estimate.options.find((o) => o.id === estimate.decision!.optionId) : undefined;
  const totals = (chosen ? [chosen] : estimate.options).map((o) => optionTotals(o).total);
  return { low: Math.min(...totals), high: Math.max(...totals) };
}

export const estimateSummaryOf = (estimate: EstimateRecord, now: Date): EstimateSummary => ({
  id: estimate.id,
  number: estimate.number,
  title: estimate.title,
  status: statusAt(estimate, now),
  sentAt: estimate.sentAt,
  expiresAt: estimate.expiresAt,
  jobId: estimate.jobId,
  currency: estimate.currency,
  priceRange: priceRangeOf(estimate),
});

/**
 * What is left for the customer to do after approving: pay the deposit (until it is paid or on
 * its way), then pick a slot where the business offers scheduling.
 */
export function nextStepOf(estimate: EstimateRecord, depositInvoice: Pick<InvoiceRecord, 'total' | 'amountPaid' | 'amountPending'> | null): EstimateDetail['next'] {
  if (estimate.status === 'scheduled') return 'done';
  if (estimate.status !== 'approved') return null;
  if (depositInvoice && depositInvoice.total - depositInvoice.amountPaid - depositInvoice.amountPending > 0) return 'deposit';
  return estimate.scheduling ? 'schedule' : 'done';
}

export function estimateDetailOf(estimate: EstimateRecord, depositInvoice: InvoiceRecord | null, now: Date): EstimateDetail {
  const document = documentOf(estimate);
  const decision = estimate.decision;
  return {
    ...estimateSummaryOf(estimate, now),
    version: estimate.revision,
    terms: estimate.terms,
    signature: estimate.signature,
    deposit: estimate.deposit,
    scheduling: estimate.scheduling,
    options: document.options.map(({ id, name, description, recommended, lines, subtotal, taxAmount, total, deposit }) => ({ id, name, description, recommended, lines, subtotal, taxAmount, total, deposit })),
    documentHash: documentHashOf(estimate),
    decision: decision && {
      kind: decision.kind,
      at: decision.at,
      version: decision.revision,
      optionId: decision.optionId,
      signerName: decision.signerName,
      signedWithDrawing: decision.signatureImageHash !== null,
      signatureMethod: decision.signatureMethod,
      typedSignature: decision.typedSignature,
      via: decision.via,
      documentHash: decision.documentHash,
      reason: decision.reason,
    },
    depositInvoice: depositInvoice && { id: depositInvoice.id, number: depositInvoice.number, total: depositInvoice.total, balance: balanceOf(depositInvoice), status: depositInvoice.status },
    booking: estimate.booking && { start: estimate.booking.start, end: estimate.booking.end, jobId: estimate.booking.jobId },
    next: nextStepOf(estimate, depositInvoice),
  };
}

/** The business's view: everything it wrote, the status, and the full decision record (IP and user agent included). */
export function businessEstimateView(estimate: EstimateRecord, now: Date) {
  const { businessId: _b, revision, version: _itemVersion, ...fields } = estimate;
  return {
    ...fields,
    status: statusAt(estimate, now),
    version: revision,
    documentHash: documentHashOf(estimate),
    options: documentOf(estimate).options,
  };
}
