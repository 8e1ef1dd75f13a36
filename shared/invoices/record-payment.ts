/**
 * Recording payments against an invoice, exactly once, without transactions. Offline payments
 * come from the business API; Stripe's come from the webhook's consumer (shared/payments).
 * 1. Put the payment item, keyed by the payment's own id (a repeat finds it there).
 * 2. Apply it to the invoice: one UpdateItem on the version read, which adds the amount, adds the
 *    id to `appliedPaymentIds` (and drops it from `pendingPayments`) and sets the status (which
 *    moves the invoice between the customer's open and paid lists). An id already applied is not
 *    applied again.
 * 3. When the invoice is a job's: list the payment on the job and sum the job's paid amount again
 *    from its invoices (shared/jobs/job-account.ts).
 * A crash between 1 and 2 is finished by the retry (same payment id): step 1 finds the item, step
 * 2 applies it; a retry after 2 finds the payment applied and repeats 3. Each step is safe to
 * repeat (docs/data-model.md, "Invoice payments").
 *
 * A bank payment on its way is tracked the same way before it settles: `markPending` and
 * `dropPending` add and remove its id in `pendingPayments`, once each. Refunds and disputes set
 * per-payment values (`refundedPayments`, `disputedPaymentIds`) the ledger sums.
 */
import { backoff, maxWriteAttempts } from '../domain/retry';
import { Conflict, InvalidInput, NotFound } from '../domain/errors';
import type { InvoicePaymentRecord, InvoiceRecord } from '../domain/model';
import type { Clock, InvoiceStore, PaymentTracking, StoredInvoice } from '../domain/ports';
import { toInvoiceRecord, trackingOf } from '../data/entities/invoice';
import { payableOf, statusOf } from './ledger';
import { recordPaymentOnJob, type JobAccountDeps } from '../jobs/job-account';

export interface RecordedPayment {
  invoice: InvoiceRecord;
  payment: InvoicePaymentRecord;
  /** False when this payment id had been recorded and applied before: nothing changed now. */
  applied: boolean;
}

type Deps = { invoices: InvoiceStore; clock: Clock };
/** Recording a payment also brings the invoice's job up to date (shared/jobs/job-account.ts). */
type PaymentDeps = Deps & JobAccountDeps;

/**
 * `overpayment: 'refuse'` (offline: the business is told, 409) or `'record'` (Stripe: the money
 * was taken, so the truth is recorded and the balance stays at zero).
 */
export async function recordInvoicePayment(businessId: string, payment: InvoicePaymentRecord, deps: PaymentDeps, options: { overpayment: 'refuse' | 'record' } = { overpayment: 'refuse' }): Promise<RecordedPayment> {
  const first = await readInvoice(businessId, payment.invoiceId, deps);
  if (first.appliedPaymentIds.includes(payment.id)) {
    const recorded = (await deps.invoices.getPayment(businessId, payment.invoiceId, payment.id)) ?? payment;
    // A retry after a crash that came before the job was brought up to date finishes that step.
    if (first.jobId) await recordPaymentOnJob(businessId, first.jobId, recorded, deps);
    return { invoice: toInvoiceRecord(first), payment: recorded, applied: false };
  }
  if (payment.currency !== first.currency) {
    throw new InvalidInput([{ field: 'currency', message: `must be the invoice's currency, ${first.currency}` }]);
  }
  // A pending bank payment settling is already counted in what is on its way.
  const payable = payableOf(first) + (first.pendingPayments[payment.id] ?? 0);
  if (options.overpayment === 'refuse' && payment.amount > payable) {
    throw new Conflict(
      payable === 0
        ? 'This invoice has nothing left to pay.'
        : `This payment (${payment.amount}) is more than what is left to pay on the invoice (${payable}, in minor units of ${first.currency}).`,
    );
  }
  await deps.invoices.putPayment(businessId, payment, deps.clock.now().toISOString());
  const outcome = await updateLedger(businessId, payment.invoiceId, first, deps, (invoice) => {
    if (invoice.appliedPaymentIds.includes(payment.id)) return null;
    const { [payment.id]: _settled, ...pendingPayments } = invoice.pendingPayments;
    return { amountPaid: invoice.amountPaid + payment.amount, tracking: { ...trackingOf(invoice), appliedPaymentIds: [...invoice.appliedPaymentIds, payment.id], pendingPayments } };
  });
  if (outcome.invoice.jobId) await recordPaymentOnJob(businessId, outcome.invoice.jobId, payment, deps);
  return { invoice: outcome.invoice, payment, applied: outcome.changed };
}

/** A bank payment started: its amount is on its way (`processing`) until it settles or fails. */
export async function markPending(businessId: string, invoiceId: string, paymentId: string, amount: number, deps: Deps): Promise<{ invoice: InvoiceRecord; changed: boolean }> {
  return updateLedger(businessId, invoiceId, await readInvoice(businessId, invoiceId, deps), deps, (invoice) =>
    invoice.appliedPaymentIds.includes(paymentId) || paymentId in invoice.pendingPayments
      ? null
      : { amountPaid: invoice.amountPaid, tracking: { ...trackingOf(invoice), pendingPayments: { ...invoice.pendingPayments, [paymentId]: amount } } },
  );
}

/**
 * What Stripe says was given back of a payment, in all: set, never added, so a repeated or
 * reordered refund event applies each refund once (the delta from what was recorded), and an
 * older total never lowers a newer one.
 */
export async function recordRefunded(businessId: string, invoiceId: string, paymentId: string, refundedInAll: number, deps: Deps): Promise<{ invoice: InvoiceRecord; changed: boolean }> {
  return updateLedger(businessId, invoiceId, await readInvoice(businessId, invoiceId, deps), deps, (invoice) =>
    !invoice.appliedPaymentIds.includes(paymentId) || (invoice.refundedPayments[paymentId] ?? 0) >= refundedInAll
      ? null
      : { amountPaid: invoice.amountPaid, tracking: { ...trackingOf(invoice), refundedPayments: { ...invoice.refundedPayments, [paymentId]: refundedInAll } } },
  );
}

/** A dispute (chargeback) opened or closed on a payment: the invoice is flagged while any is open. */
export async function recordDisputed(businessId: string, invoiceId: string, paymentId: string, disputed: boolean, deps: Deps): Promise<{ invoice: InvoiceRecord; changed: boolean }> {
  return updateLedger(businessId, invoiceId, await readInvoice(businessId, invoiceId, deps), deps, (invoice) => {
    if (!invoice.appliedPaymentIds.includes(paymentId) || invoice.disputedPaymentIds.includes(paymentId) === disputed) return null;
    const disputedPaymentIds = disputed ? [...invoice.disputedPaymentIds, paymentId] : invoice.disputedPaymentIds.filter((id) => id !== paymentId);
    return { amountPaid: invoice.amountPaid, tracking: { ...trackingOf(invoice), disputedPaymentIds } };
  });
}

/** A bank payment failed: it is no longer on its way, and the invoice is open again. */
export async function dropPending(businessId: string, invoiceId: string, paymentId: string, deps: Deps): Promise<{ invoice: InvoiceRecord; changed: boolean }> {
  return updateLedger(businessId, invoiceId, await readInvoice(businessId, invoiceId, deps), deps, (invoice) => {
    if (!(paymentId in invoice.pendingPayments)) return null;
    const { [paymentId]: _failed, ...pendingPayments } = invoice.pendingPayments;
    return { amountPaid: invoice.amountPaid, tracking: { ...trackingOf(invoice), pendingPayments } };
  });
}

async function readInvoice(businessId: string, invoiceId: string, deps: Deps): Promise<StoredInvoice> {
  const invoice = await deps.invoices.getInvoice(businessId, invoiceId, { consistent: true });
  if (!invoice) throw new NotFound(`There is no invoice ${invoiceId}.`);
  return invoice;
}

/** Writes the ledger `change` computes on the version read; reads again on a conflict. `null`: nothing to do. */
async function updateLedger(
  businessId: string,
  invoiceId: string,
  first: StoredInvoice,
  deps: Deps,
  change: (invoice: StoredInvoice) => { amountPaid: number; tracking: PaymentTracking } | null,
): Promise<{ invoice: InvoiceRecord; changed: boolean }> {
  let invoice = first;
  for (let attempt = 0; attempt < maxWriteAttempts; attempt++) {
    await backoff(attempt);
    if (attempt > 0) invoice = await readInvoice(businessId, invoiceId, deps);
    const next = change(invoice);
    if (!next) return { invoice: toInvoiceRecord(invoice), changed: false };
    const sum = (amounts: Record<string, number>) => Object.values(amounts).reduce((total, amount) => total + amount, 0);
    const ledger = { amountPaid: next.amountPaid, amountRefunded: sum(next.tracking.refundedPayments), amountPending: sum(next.tracking.pendingPayments), disputed: next.tracking.disputedPaymentIds.length > 0 };
    const record: InvoiceRecord = { ...toInvoiceRecord(invoice), ...ledger, status: statusOf(ledger, invoice.total), version: invoice.version + 1, updatedAt: deps.clock.now().toISOString() };
    if (await deps.invoices.putInvoice(record, next.tracking, invoice.version)) return { invoice: record, changed: true };
  }
  throw new Conflict('This invoice kept changing while we tried to record the payment. Please retry: it will be recorded once.');
}
