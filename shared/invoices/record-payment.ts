/**
 * Recording payments against an invoice, exactly once, without transactions. Offline payments
 * come from the business API; Stripe's come from the webhook's consumer (shared/payments).
 * 1. Put the payment item, keyed by the payment's own id (a repeat finds it there).
 * 2. Apply it to the invoice: one UpdateItem on the version read, which adds the amount, adds the
 *    id to `appliedPaymentIds` (and drops it from `pendingPayments`) and sets the status (which
 *    moves the invoice between the customer's open and paid lists). An id already applied is not
 *    applied again.
 * 3. When the invoice is a job's: list the payment on the job and sum the job's paid amount again
 *    from its invoices (shared/invoices/job-account.ts).
 * A crash between 1 and 2 is finished by the retry (same payment id): step 1 finds the item, step
 * 2 applies it; a retry after 2 finds the payment applied and repeats 3. Each step is safe to
 * repeat (docs/data-model.md, "Invoice payments").
 *
 * A bank payment on its way is tracked the same way before it settles: `markPending` and
 * `dropPending` add and remove its id in `pendingPayments`, once each. Refunds and disputes set
 * per-payment values (`refundedPayments`, `disputedPaymentIds`) the ledger sums.
 */
import { Conflict, InvalidInput, NotFound } from '../kernel/errors';
import type { InvoicePaymentRecord, InvoiceRecord, PaymentTracking, InvoiceState } from './model';
import type { InvoiceStore } from './port';
import { toInvoiceRecord, trackingOf } from './model';
import { readModifyWrite } from '../kernel/read-modify-write';
import { dueSteps, newOwedSteps, nextSeq, type StepToOwe } from '../followups/owed';
import { runOwedSteps, type AnyStep, type RunDeps } from '../followups/run';
import { stepOwner } from '../followups/port';
import { emitEventStep, eventId, oweEvent, type EventStepDeps } from '../events/emit';
import { jobMoneyStep, oweJobMoney, type JobMoneyStepDeps } from './job-account';
import { oweExcessRefund, refundExcessStep, type RefundExcessDeps } from '../payments/duplicates';
import { payableOf, statusOf } from './ledger';
import { countMetric, metricNames } from '../logging/metrics';

export interface RecordedPayment {
  invoice: InvoiceRecord;
  payment: InvoicePaymentRecord;
  /** False when this payment id had been recorded and applied before: nothing changed now. */
  applied: boolean;
}

/** What a ledger write uses: the invoices, and what its steps use. */
export type LedgerDeps = RunDeps & { invoices: InvoiceStore } & JobMoneyStepDeps & EventStepDeps & RefundExcessDeps;

/** The steps a ledger write may owe: the job's money, events to the business, and the refund of a duplicate's excess. */
export const ledgerSteps: readonly AnyStep<LedgerDeps>[] = [jobMoneyStep, emitEventStep, refundExcessStep];

/**
 * `overpayment: 'refuse'` (offline: the business is told, 409) or `'record'` (Stripe: the money
 * was taken, so the truth is recorded and the balance stays at zero). `checkoutId`: the online
 * checkout that paid it (its events name it).
 */
export async function recordInvoicePayment(
  businessId: string,
  payment: InvoicePaymentRecord,
  deps: LedgerDeps,
  options: { overpayment: 'refuse' | 'record'; checkoutId?: string } = { overpayment: 'refuse' },
): Promise<RecordedPayment> {
  let stored = false;
  return readModifyWrite<InvoiceState, RecordedPayment>(
    () => readInvoice(businessId, payment.invoiceId, deps),
    async (invoice) => {
      if (invoice.appliedPaymentIds.includes(payment.id)) {
        const recorded = (await deps.invoices.getPayment(businessId, payment.invoiceId, payment.id)) ?? payment;
        // What the write that applied it owed and a crash left is finished here too (and by the re-driver).
        await finishOwed(invoice, deps);
        return { done: { invoice: toInvoiceRecord(invoice), payment: recorded, applied: false } };
      }
      if (payment.currency !== invoice.currency) {
        throw new InvalidInput([{ field: 'currency', message: `must be the invoice's currency, ${invoice.currency}` }]);
      }
      // Checked on the version the write is conditional on: of two payments racing for the same
      // balance, the one that writes second reads again and is refused here.
      const payable = payableOf(invoice) + (invoice.pendingPayments[payment.id] ?? 0);
      if (options.overpayment === 'refuse' && payment.amount > payable) {
        throw new Conflict(
          payable === 0
            ? 'This invoice has nothing left to pay.'
            : `This payment (${payment.amount}) is more than what is left to pay on the invoice (${payable}, in minor units of ${invoice.currency}).`,
        );
      }
      if (!stored) {
        await deps.invoices.putPayment(businessId, payment, deps.clock.now().toISOString(), { customerId: invoice.customerId, number: invoice.number });
        stored = true;
      }
      const { [payment.id]: _settled, ...pendingPayments } = invoice.pendingPayments;
      // Money Stripe took beyond what was left (a second checkout paid the same invoice): recorded
      // as the truth, and refunded automatically (security.md rule 51).
      const excess = options.overpayment === 'record' && options.checkoutId ? Math.max(0, payment.amount - payable) : 0;
      const duplicatePayments = excess > 0 ? { ...invoice.duplicatePayments, [payment.id]: excess } : invoice.duplicatePayments;
      const next = { amountPaid: invoice.amountPaid + payment.amount, tracking: { ...trackingOf(invoice), appliedPaymentIds: [...invoice.appliedPaymentIds, payment.id], pendingPayments, duplicatePayments } };
      const record = ledgerRecord(invoice, next, deps);
      const steps: StepToOwe[] = [];
      if (excess > 0) steps.push(oweExcessRefund({ businessId, checkoutId: options.checkoutId!, invoiceId: record.id, paymentId: payment.id, amount: excess }));
      if (record.jobId) steps.push(oweJobMoney(businessId, record.jobId, record.id, [payment.id]));
      if (options.checkoutId && record.status === 'paid' && invoice.status !== 'paid') steps.push(...paidEvents(record, options.checkoutId, deps));
      const owed = newOwedSteps(steps, deps.clock.now(), nextSeq(invoice.owed));
      return {
        write: () => deps.invoices.putInvoice(record, next.tracking, invoice.version, owed),
        after: async () => {
          countMetric(metricNames.paymentsRecorded, 1, { method: payment.method });
          await runOwedSteps(invoiceOwner(record), owed, ledgerSteps, deps);
          return { invoice: record, payment, applied: true };
        },
      };
    },
    () => new Conflict('This invoice kept changing while we tried to record the payment. Please retry: it will be recorded once.'),
  );
}

const invoiceOwner = (invoice: Pick<InvoiceRecord, 'businessId' | 'id'>) => stepOwner('invoice', invoice);

/**
 * Runs what the invoice still owes past its grace (nothing, almost always: one look at the item
 * read). A repeat of a payment (a duplicate delivery) leaves steps owed moments ago to the request
 * that owes them.
 */
async function finishOwed(invoice: InvoiceState, deps: LedgerDeps): Promise<void> {
  await runOwedSteps(invoiceOwner(invoice), dueSteps(invoice.owed, deps.clock.now()), ledgerSteps, deps);
}

/** `invoice.paid`, and `deposit.paid` for an estimate's deposit: owed by the write that paid it, with ids derived from the invoice. */
function paidEvents(invoice: InvoiceRecord, checkoutId: string, deps: Pick<LedgerDeps, 'clock'>): StepToOwe[] {
  const createdAt = deps.clock.now().toISOString();
  const { businessId } = invoice;
  const events = [
    oweEvent({ id: eventId('invoice.paid', invoice.id), type: 'invoice.paid', createdAt, businessId, data: { invoiceId: invoice.id, customerId: invoice.customerId, amountPaid: invoice.amountPaid, total: invoice.total, currency: invoice.currency, checkoutId } }),
  ];
  // A deposit: the business can now hold the visit (the customer books it next, where offered).
  if (invoice.estimateId) {
    events.push(oweEvent({ id: eventId('deposit.paid', invoice.id), type: 'deposit.paid', createdAt, businessId, data: { estimateId: invoice.estimateId, invoiceId: invoice.id, customerId: invoice.customerId, amount: invoice.amountPaid, currency: invoice.currency, checkoutId } }));
  }
  return events;
}

/** A bank payment started: its amount is on its way (`processing`) until it settles or fails. */
export async function markPending(businessId: string, invoiceId: string, paymentId: string, amount: number, deps: LedgerDeps): Promise<LedgerChange> {
  return updateLedger(businessId, invoiceId, deps, (invoice) =>
    invoice.appliedPaymentIds.includes(paymentId) || paymentId in invoice.pendingPayments
      ? null
      : { amountPaid: invoice.amountPaid, tracking: { ...trackingOf(invoice), pendingPayments: { ...invoice.pendingPayments, [paymentId]: amount } } },
  );
}

/**
 * What Stripe says was given back of a payment, in all: set, never added, so a repeated or
 * reordered refund event applies each refund once (the delta from what was recorded), and an
 * older total never lowers a newer one. `event`: the `payment.refunded` the write owes.
 */
export async function recordRefunded(businessId: string, invoiceId: string, paymentId: string, refundedInAll: number, deps: LedgerDeps, event?: (invoice: InvoiceRecord) => StepToOwe): Promise<LedgerChange> {
  return updateLedger(
    businessId,
    invoiceId,
    deps,
    (invoice) =>
      !invoice.appliedPaymentIds.includes(paymentId) || (invoice.refundedPayments[paymentId] ?? 0) >= refundedInAll
        ? null
        : { amountPaid: invoice.amountPaid, tracking: { ...trackingOf(invoice), refundedPayments: { ...invoice.refundedPayments, [paymentId]: refundedInAll } } },
    (record) => (event ? [event(record)] : []),
  );
}

/** A dispute (chargeback) opened or closed on a payment: the invoice is flagged while any is open. `event`: owed when one opens. */
export async function recordDisputed(businessId: string, invoiceId: string, paymentId: string, disputed: boolean, deps: LedgerDeps, event?: (invoice: InvoiceRecord) => StepToOwe): Promise<LedgerChange> {
  return updateLedger(
    businessId,
    invoiceId,
    deps,
    (invoice) => {
      if (!invoice.appliedPaymentIds.includes(paymentId) || invoice.disputedPaymentIds.includes(paymentId) === disputed) return null;
      const disputedPaymentIds = disputed ? [...invoice.disputedPaymentIds, paymentId] : invoice.disputedPaymentIds.filter((id) => id !== paymentId);
      return { amountPaid: invoice.amountPaid, tracking: { ...trackingOf(invoice), disputedPaymentIds } };
    },
    (record) => (event && disputed ? [event(record)] : []),
  );
}

/** A bank payment failed: it is no longer on its way, and the invoice is open again. */
export async function dropPending(businessId: string, invoiceId: string, paymentId: string, deps: LedgerDeps): Promise<LedgerChange> {
  return updateLedger(businessId, invoiceId, deps, (invoice) => {
    if (!(paymentId in invoice.pendingPayments)) return null;
    const { [paymentId]: _failed, ...pendingPayments } = invoice.pendingPayments;
    return { amountPaid: invoice.amountPaid, tracking: { ...trackingOf(invoice), pendingPayments } };
  });
}

export type LedgerChange = { invoice: InvoiceRecord; changed: boolean };

async function readInvoice(businessId: string, invoiceId: string, deps: { invoices: InvoiceStore }): Promise<InvoiceState> {
  const invoice = await deps.invoices.getInvoice(businessId, invoiceId, { consistent: true });
  if (!invoice) throw new NotFound(`There is no invoice ${invoiceId}.`);
  return invoice;
}

type LedgerNext = { amountPaid: number; tracking: PaymentTracking };

/** The invoice with its ledger and status derived from `next`, one version on. */
function ledgerRecord(invoice: InvoiceState, next: LedgerNext, deps: Pick<LedgerDeps, 'clock'>): InvoiceRecord {
  const sum = (amounts: Record<string, number>) => Object.values(amounts).reduce((total, amount) => total + amount, 0);
  const { refundedPayments, duplicatePayments } = next.tracking;
  const ledger = { amountPaid: next.amountPaid, amountRefunded: sum(refundedPayments), amountPending: sum(next.tracking.pendingPayments), disputed: next.tracking.disputedPaymentIds.length > 0 };
  // A duplicate's refunded excess is neither paid nor refunded for the status: the invoice reads paid.
  const excessRefunded = Object.entries(duplicatePayments).reduce((total, [id, excess]) => total + Math.min(excess, refundedPayments[id] ?? 0), 0);
  const status = statusOf({ ...ledger, amountPaid: ledger.amountPaid - excessRefunded, amountRefunded: ledger.amountRefunded - excessRefunded }, invoice.total);
  return { ...toInvoiceRecord(invoice), ...ledger, status, version: invoice.version + 1, updatedAt: deps.clock.now().toISOString() };
}

/**
 * Writes the ledger `change` computes on the version read (null: nothing to do), with the steps
 * `owes` names for the new record; reads again on a conflict.
 */
async function updateLedger(
  businessId: string,
  invoiceId: string,
  deps: LedgerDeps,
  change: (invoice: InvoiceState) => LedgerNext | null,
  owes: (record: InvoiceRecord) => StepToOwe[] = () => [],
): Promise<LedgerChange> {
  return readModifyWrite<InvoiceState, LedgerChange>(
    () => readInvoice(businessId, invoiceId, deps),
    async (invoice) => {
      const next = change(invoice);
      if (!next) {
        await finishOwed(invoice, deps);
        return { done: { invoice: toInvoiceRecord(invoice), changed: false } };
      }
      const record = ledgerRecord(invoice, next, deps);
      const owed = newOwedSteps(owes(record), deps.clock.now(), nextSeq(invoice.owed));
      return {
        write: () => deps.invoices.putInvoice(record, next.tracking, invoice.version, owed),
        after: async () => {
          await runOwedSteps(invoiceOwner(record), owed, ledgerSteps, deps);
          return { invoice: record, changed: true };
        },
      };
    },
    () => new Conflict('This invoice kept changing while we tried to record the payment. Please retry: it will be recorded once.'),
  );
}
