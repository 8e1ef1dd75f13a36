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
import type { CheckoutStore, Clock, DirectoryStore, InvoiceStore, MessageQueue, NotificationJob, PaymentEvent, PaymentGateway, WebhookJob } from '../domain/ports';
import { backoff, maxWriteAttempts } from '../domain/retry';
import { dropPending, markPending, recordInvoicePayment } from '../invoices/record-payment';
import { emitEvent, eventId } from '../business-api/events';

export interface ApplyEventDeps {
  checkouts: CheckoutStore;
  invoices: InvoiceStore;
  directory: DirectoryStore;
  payments: PaymentGateway;
  notifications: MessageQueue<NotificationJob>;
  webhooks: MessageQueue<WebhookJob>;
  clock: Clock;
}

export type EventOutcome =
  | 'ignored'
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

export async function applyPaymentEvent(event: PaymentEvent, deps: ApplyEventDeps): Promise<{ outcome: EventOutcome; businessId?: string; checkoutId?: string }> {
  if (!checkoutEvents.has(event.type)) return { outcome: 'ignored' };
  const { businessId, checkoutId } = event.object.metadata;
  if (!businessId || !checkoutId) return { outcome: 'ignored' }; // not one of ours
  const checkout = await deps.checkouts.getCheckout(businessId, checkoutId, { consistent: true });
  if (!checkout) return { outcome: 'ignored', businessId, checkoutId };
  const ids = { businessId, checkoutId };
  if (await deps.checkouts.eventHandled(businessId, event.id)) return { outcome: 'duplicate', ...ids };
  // Only the business's own connected account speaks for its checkouts, in this deployment's mode.
  if (event.account !== checkout.stripeAccountId) return { outcome: 'rejected-account', ...ids };
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
        { invoices: deps.invoices, clock: deps.clock },
        { overpayment: 'record' },
      );
      if (applied && invoice.status === 'paid') {
        await emitEvent({ id: eventId('invoice.paid', invoice.id), type: 'invoice.paid', createdAt: deps.clock.now().toISOString(), businessId, data: { invoiceId: invoice.id, customerId: invoice.customerId, amountPaid: invoice.amountPaid, total: invoice.total, currency: invoice.currency, checkoutId } }, deps);
      }
    }
    await advance(checkout, 'paid', method, deps);
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

/** The payment of one invoice by one checkout: one id, whichever event records it. */
export const paymentIdOf = (checkout: Pick<CheckoutRecord, 'id'>, invoiceId: string) => `${checkout.id}.${invoiceId}`;

const order: Record<CheckoutRecord['status'], number> = { open: 0, processing: 1, review: 2, paid: 3, failed: 3, expired: 3 };

/** Moves the checkout forward (never back: a late `completed` cannot undo `paid`); true if it moved. */
async function advance(first: CheckoutRecord, status: CheckoutRecord['status'], method: string | null, deps: { checkouts: CheckoutStore; clock: Clock }): Promise<boolean> {
  let checkout = first;
  for (let attempt = 0; attempt < maxWriteAttempts; attempt++) {
    await backoff(attempt);
    if (attempt > 0) checkout = (await deps.checkouts.getCheckout(first.businessId, first.id, { consistent: true }))!;
    if (order[status] <= order[checkout.status]) return false;
    const next: CheckoutRecord = { ...checkout, status, method: method ?? checkout.method, version: checkout.version + 1, updatedAt: deps.clock.now().toISOString() };
    if (await deps.checkouts.putCheckout(next, checkout.version)) return true;
  }
  throw new Error(`Checkout ${first.id} kept changing`);
}

const stripeMethods: Record<string, InvoicePaymentMethod> = { card: 'card', us_bank_account: 'us_bank_account', affirm: 'affirm', klarna: 'klarna' };
const toMethod = (type: string | null): InvoicePaymentMethod | null => (type ? (stripeMethods[type] ?? 'other') : null);
