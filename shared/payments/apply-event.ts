/**
 * What a Stripe event changes: the only path that records a card, bank or financing payment.
 *
 * Stripe delivers at least once, in no set order, sometimes days late. So an event is only a
 * nudge: the checkout is re-fetched from Stripe (on its connected account) and our state moves
 * towards what Stripe says now, forward only (open → processing → paid | failed; open →
 * expired). Every step is keyed (the payment of invoice X by checkout C is `C.X`, applied once
 * by the ledger), so 10 concurrent deliveries, a reordered pair or a crash half-way all end in
 * the same state (docs/data-model.md, "Stripe payments").
 */
import type { CheckoutRecord, InvoicePaymentMethod } from '../domain/model';
import type { CheckoutStore, Clock, DirectoryStore, InvoiceStore, JobDocumentStore, JobStore, MessageQueue, NotificationJob, PaymentEvent, PaymentGateway, WebhookJob } from '../domain/ports';
import { backoff, maxWriteAttempts } from '../domain/retry';
import { dropPending, markPending, recordDisputed, recordInvoicePayment, recordRefunded } from '../invoices/record-payment';
import { emitEvent, eventId } from '../business-api/events';
import { applyAccountEvent, type AccountOutcome } from './onboarding';

export interface ApplyEventDeps {
  checkouts: CheckoutStore;
  invoices: InvoiceStore;
  /** A paid invoice of a job brings the job's paid amount up to date. */
  jobs: JobStore;
  jobDocuments: JobDocumentStore;
  directory: DirectoryStore;
  payments: PaymentGateway;
  notifications: MessageQueue<NotificationJob>;
  webhooks: MessageQueue<WebhookJob>;
  clock: Clock;
}

export type EventOutcome =
  | 'ignored'
  | 'refund-or-dispute'
  | 'duplicate'
  | 'rejected-account'
  | 'rejected-mode'
  | 'amount-mismatch'
  | 'paid'
  | 'processing'
  | 'failed'
  | 'expired'
  | 'open';

const checkoutEvents = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed', 'checkout.session.expired']);
/** Refunds and disputes are about a charge: its PaymentIntent carries our metadata. */
const chargeEvents = new Set(['charge.refunded', 'charge.refund.updated', 'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed']);

export async function applyPaymentEvent(event: PaymentEvent, deps: ApplyEventDeps): Promise<{ outcome: EventOutcome | AccountOutcome; businessId?: string; checkoutId?: string }> {
  if (event.type === 'account.updated') return applyAccountEvent(event, deps);
  if (chargeEvents.has(event.type)) return applyChargeEvent(event, deps);
  if (!checkoutEvents.has(event.type)) return { outcome: 'ignored' };
  const found = await checkoutFor(event, event.object.metadata, deps);
  if (!('checkout' in found)) return found;
  const { checkout, ids } = found;
  const { businessId, checkoutId } = ids;
  // Events of the other mode (test vs live) are never applied.
  if (event.livemode !== (await deps.payments.livemode())) return { outcome: 'rejected-mode', ...ids };

  const state = await deps.payments.getCheckout(checkout.stripeAccountId, checkout.stripeSessionId);
  const method = toMethod(state.paymentMethodType);
  let outcome: EventOutcome;
  if (state.status === 'expired') {
    outcome = (await advance(checkout, 'expired', null, deps)) ? 'expired' : 'open';
  } else if (state.status !== 'complete') {
    outcome = 'open';
  } else if (state.amountTotal !== checkout.amount || state.currency !== checkout.currency) {
    // Stripe charged something other than what was allocated: apply nothing, hold it for a person.
    await advance(checkout, 'review', method, deps);
    outcome = 'amount-mismatch';
  } else if (state.paymentStatus === 'paid') {
    for (const allocation of checkout.allocations) {
      const { invoice, applied } = await recordInvoicePayment(
        businessId,
        { id: paymentIdOf(checkout, allocation.invoiceId), invoiceId: allocation.invoiceId, paidAt: deps.clock.now().toISOString(), method: method ?? 'card', amount: allocation.amount, currency: checkout.currency, reference: state.paymentIntentId, source: 'stripe' },
        deps,
        { overpayment: 'record' },
      );
      if (applied && invoice.status === 'paid') {
        await emitEvent({ id: eventId('invoice.paid', invoice.id), type: 'invoice.paid', createdAt: deps.clock.now().toISOString(), businessId, data: { invoiceId: invoice.id, customerId: invoice.customerId, amountPaid: invoice.amountPaid, total: invoice.total, currency: invoice.currency, checkoutId } }, deps);
        // A deposit: the business can now hold the visit (the customer books it next, where offered).
        if (invoice.estimateId) {
          await emitEvent({ id: eventId('deposit.paid', invoice.id), type: 'deposit.paid', createdAt: deps.clock.now().toISOString(), businessId, data: { estimateId: invoice.estimateId, invoiceId: invoice.id, customerId: invoice.customerId, amount: invoice.amountPaid, currency: invoice.currency, checkoutId } }, deps);
        }
      }
    }
    await advance(checkout, 'paid', method, deps, { paymentIntentId: state.paymentIntentId });
    await deps.notifications.send({ kind: 'receipt', businessId, checkoutId, requestedAt: deps.clock.now().toISOString() });
    outcome = 'paid';
  } else if (state.paymentIntentStatus === 'requires_payment_method' || state.paymentIntentStatus === 'canceled') {
    for (const allocation of checkout.allocations) await dropPending(businessId, allocation.invoiceId, paymentIdOf(checkout, allocation.invoiceId), deps);
    if (await advance(checkout, 'failed', method, deps)) {
      await deps.notifications.send({ kind: 'payment-failed', businessId, checkoutId, requestedAt: deps.clock.now().toISOString() });
      for (const allocation of checkout.allocations) {
        await emitEvent({ id: eventId('invoice.payment_failed', `${checkoutId}.${allocation.invoiceId}`), type: 'invoice.payment_failed', createdAt: deps.clock.now().toISOString(), businessId, data: { invoiceId: allocation.invoiceId, customerId: checkout.customerId, amount: allocation.amount, currency: checkout.currency, checkoutId } }, deps);
      }
    }
    outcome = 'failed';
  } else {
    // Complete but not paid yet: a bank debit on its way.
    for (const allocation of checkout.allocations) await markPending(businessId, allocation.invoiceId, paymentIdOf(checkout, allocation.invoiceId), allocation.amount, deps);
    await advance(checkout, 'processing', method, deps);
    outcome = 'processing';
  }
  // Remembered only once everything above is done: a crash before here is finished by Stripe's retry.
  await deps.checkouts.markEventHandled(businessId, event.id, deps.clock.now().toISOString());
  return { outcome, ...ids };
}

/**
 * The checkout an event is about, named by our metadata (on the session, or on the charge's
 * PaymentIntent), or why the event is not applied: not ours, handled before, or sent by another
 * account than the checkout's. Only the business's own connected account speaks for its checkouts.
 */
async function checkoutFor(
  event: PaymentEvent,
  metadata: Record<string, string>,
  deps: { checkouts: CheckoutStore },
): Promise<{ checkout: CheckoutRecord; ids: { businessId: string; checkoutId: string } } | { outcome: EventOutcome; businessId?: string; checkoutId?: string }> {
  const { businessId, checkoutId } = metadata;
  if (!businessId || !checkoutId) return { outcome: 'ignored' }; // not one of ours
  const checkout = await deps.checkouts.getCheckout(businessId, checkoutId, { consistent: true });
  if (!checkout) return { outcome: 'ignored', businessId, checkoutId };
  const ids = { businessId, checkoutId };
  if (await deps.checkouts.eventHandled(businessId, event.id)) return { outcome: 'duplicate', ...ids };
  if (event.account !== checkout.stripeAccountId) return { outcome: 'rejected-account', ...ids };
  return { checkout, ids };
}

/** The payment of one invoice by one checkout: one id, whichever event records it. */
export const paymentIdOf = (checkout: Pick<CheckoutRecord, 'id'>, invoiceId: string) => `${checkout.id}.${invoiceId}`;

const order: Record<CheckoutRecord['status'], number> = { open: 0, processing: 1, review: 2, paid: 3, failed: 3, expired: 3 };

/**
 * A refund or a dispute: the charge is re-fetched (its PaymentIntent names our checkout) and what
 * Stripe says now is recorded. Refunds are cumulative totals, spread over the checkout's invoices
 * in allocation order and set per payment, so each refund counts once whatever the delivery.
 */
async function applyChargeEvent(event: PaymentEvent, deps: ApplyEventDeps): Promise<{ outcome: EventOutcome; businessId?: string; checkoutId?: string }> {
  const paymentIntentId = typeof event.object.payment_intent === 'string' ? event.object.payment_intent : null;
  if (!paymentIntentId || !event.account) return { outcome: 'ignored' };
  if (event.livemode !== (await deps.payments.livemode())) return { outcome: 'rejected-mode' };
  const charge = await deps.payments.getChargeState(event.account, paymentIntentId);
  const found = await checkoutFor(event, charge.metadata, deps);
  if (!('checkout' in found)) return found;
  const { checkout, ids } = found;
  const { businessId, checkoutId } = ids;
  // A refund can overtake the payment's own event: let the queue bring it back once the payment is recorded.
  if (checkout.status !== 'paid') throw new Error(`Checkout ${checkoutId} is not recorded as paid yet; retrying the ${event.type} event later`);

  const now = () => deps.clock.now().toISOString();
  let before = 0;
  for (const allocation of checkout.allocations) {
    const paymentId = paymentIdOf(checkout, allocation.invoiceId);
    const refunded = Math.min(allocation.amount, Math.max(0, charge.amountRefunded - before));
    before += allocation.amount;
    const refund = await recordRefunded(businessId, allocation.invoiceId, paymentId, refunded, deps);
    if (refund.changed) {
      await emitEvent({ id: eventId('payment.refunded', `${paymentId}#${refunded}`), type: 'payment.refunded', createdAt: now(), businessId, data: { invoiceId: allocation.invoiceId, customerId: checkout.customerId, paymentId, amountRefunded: refunded, currency: checkout.currency, invoiceStatus: refund.invoice.status, checkoutId } }, deps);
    }
    const dispute = await recordDisputed(businessId, allocation.invoiceId, paymentId, charge.disputed, deps);
    if (dispute.changed && charge.disputed) {
      await emitEvent({ id: eventId('payment.disputed', paymentId), type: 'payment.disputed', createdAt: now(), businessId, data: { invoiceId: allocation.invoiceId, customerId: checkout.customerId, paymentId, amount: allocation.amount, currency: checkout.currency, checkoutId } }, deps);
    }
  }
  await update(checkout, deps, (c) => (c.amountRefunded >= charge.amountRefunded && c.disputed === charge.disputed ? null : { amountRefunded: Math.max(c.amountRefunded, charge.amountRefunded), disputed: charge.disputed }));
  await deps.checkouts.markEventHandled(businessId, event.id, now());
  return { outcome: 'refund-or-dispute', ...ids };
}

/** Moves the checkout forward (never back: a late `completed` cannot undo `paid`); true if it moved. */
async function advance(first: CheckoutRecord, status: CheckoutRecord['status'], method: string | null, deps: { checkouts: CheckoutStore; clock: Clock }, extra: Partial<CheckoutRecord> = {}): Promise<boolean> {
  return update(first, deps, (checkout) => (order[status] <= order[checkout.status] ? null : { status, method: method ?? checkout.method, ...extra }));
}

/** Writes `change` of the checkout on the version read, reading again on a conflict; false when there was nothing to change. */
async function update(first: CheckoutRecord, deps: { checkouts: CheckoutStore; clock: Clock }, change: (checkout: CheckoutRecord) => Partial<CheckoutRecord> | null): Promise<boolean> {
  let checkout = first;
  for (let attempt = 0; attempt < maxWriteAttempts; attempt++) {
    await backoff(attempt);
    if (attempt > 0) checkout = (await deps.checkouts.getCheckout(first.businessId, first.id, { consistent: true }))!;
    const patch = change(checkout);
    if (!patch) return false;
    const next: CheckoutRecord = { ...checkout, ...patch, version: checkout.version + 1, updatedAt: deps.clock.now().toISOString() };
    if (await deps.checkouts.putCheckout(next, checkout.version)) return true;
  }
  throw new Error(`Checkout ${first.id} kept changing`);
}

const stripeMethods: Record<string, InvoicePaymentMethod> = { card: 'card', us_bank_account: 'us_bank_account', affirm: 'affirm', klarna: 'klarna' };
const toMethod = (type: string | null): InvoicePaymentMethod | null => (type ? (stripeMethods[type] ?? 'other') : null);
