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
import type { CheckoutRecord } from '../payments/model';
import type { InvoicePaymentMethod } from '../invoices/model';
import type { CheckoutStore, PaymentEvent, PaymentGateway } from '../payments/port';
import type { DirectoryStore } from '../directory/port';
import { readModifyWrite } from '../kernel/read-modify-write';
import { dropPending, markPending, recordDisputed, recordInvoicePayment, recordRefunded, type LedgerDeps } from '../invoices/record-payment';
import { emitEventStep, eventId, oweEvent, type EventStepDeps } from '../events/emit';
import { defineStep, newOwedSteps, owe, type StepToOwe } from '../followups/owed';
import { runLeftoverSteps, runOwedSteps, type AnyStep, type RunDeps } from '../followups/run';
import { stepOwner } from '../followups/port';
import { applyAccountEvent, type AccountOutcome } from '../payments/onboarding';
import { queueNoticeStep, type NoticeStepDeps } from '../notifications/notice-step';
import { countMetric, metricNames } from '../logging/metrics';

/** What a checkout's writes and steps use: the checkouts, the ledger of its invoices, and the queues. */
export type CheckoutStepDeps = RunDeps & { checkouts: CheckoutStore } & LedgerDeps & EventStepDeps & NoticeStepDeps;

/** The payments consumer has every adapter a checkout's steps use (and Stripe). */
export type ApplyEventDeps = CheckoutStepDeps & { directory: DirectoryStore; payments: PaymentGateway };

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

// ---------- the steps a checkout's outcome owes (docs/data-model.md, "Stripe payments") ----------

type AllocationArgs = { businessId: string; checkoutId: string; invoiceId: string; amount: number };

/** Paid: the allocation is recorded as payment `<checkout>.<invoice>` (once, whoever runs it). */
export const checkoutPaymentStep = defineStep<AllocationArgs & { currency: string; method: InvoicePaymentMethod; reference: string | null; paidAt: string }, CheckoutStepDeps>(
  'checkout-payment',
  async (a, deps) => {
    await recordInvoicePayment(
      a.businessId,
      { id: paymentIdOf({ id: a.checkoutId }, a.invoiceId), invoiceId: a.invoiceId, paidAt: a.paidAt, method: a.method, amount: a.amount, currency: a.currency, reference: a.reference, source: 'stripe' },
      deps,
      { overpayment: 'record', checkoutId: a.checkoutId },
    );
  },
);

/** A bank debit on its way: its amount is pending on the invoice, while the checkout is still processing (a late run after the outcome does nothing). */
export const checkoutPendingStep = defineStep<AllocationArgs, CheckoutStepDeps>('checkout-pending', async (a, deps) => {
  const checkout = await deps.checkouts.getCheckout(a.businessId, a.checkoutId, { consistent: true });
  if (checkout?.status !== 'processing') return;
  await markPending(a.businessId, a.invoiceId, paymentIdOf({ id: a.checkoutId }, a.invoiceId), a.amount, deps);
});

/** The bank debit failed: nothing is pending any more, the invoice is open again. */
export const checkoutFailedStep = defineStep<AllocationArgs, CheckoutStepDeps>('checkout-failed', async (a, deps) => {
  await dropPending(a.businessId, a.invoiceId, paymentIdOf({ id: a.checkoutId }, a.invoiceId), deps);
});

/** What Stripe says of the charge now, for one allocation: its share of the refunds, and whether it is disputed; each change owes its event. */
export const checkoutChargeStep = defineStep<AllocationArgs & { customerId: string; currency: string; refunded: number; disputed: boolean }, CheckoutStepDeps>(
  'checkout-charge',
  async (a, deps) => {
    const paymentId = paymentIdOf({ id: a.checkoutId }, a.invoiceId);
    const createdAt = deps.clock.now().toISOString();
    const base = { invoiceId: a.invoiceId, customerId: a.customerId, paymentId, currency: a.currency, checkoutId: a.checkoutId };
    await recordRefunded(a.businessId, a.invoiceId, paymentId, a.refunded, deps, (invoice) =>
      oweEvent({ id: eventId('payment.refunded', `${paymentId}#${a.refunded}`), type: 'payment.refunded', createdAt, businessId: a.businessId, data: { ...base, amountRefunded: a.refunded, invoiceStatus: invoice.status } }),
    );
    await recordDisputed(a.businessId, a.invoiceId, paymentId, a.disputed, deps, () =>
      oweEvent({ id: eventId('payment.disputed', paymentId), type: 'payment.disputed', createdAt, businessId: a.businessId, data: { ...base, amount: a.amount } }),
    );
  },
);

/** The checkout ended: its invoices are free for another checkout (a paid one's balance may still be due after a part payment). */
export const checkoutReleaseStep = defineStep<AllocationArgs, CheckoutStepDeps>('checkout-release', async (a, deps) => {
  await deps.invoices.releaseCheckoutHold(a.businessId, a.invoiceId, a.checkoutId);
});

/** Every kind of step a checkout may owe. */
export const checkoutSteps: readonly AnyStep<CheckoutStepDeps>[] = [checkoutPaymentStep, checkoutPendingStep, checkoutFailedStep, checkoutChargeStep, checkoutReleaseStep, queueNoticeStep, emitEventStep];

const releaseHolds = (checkout: CheckoutRecord) => allocationArgs(checkout).map((a) => owe(checkoutReleaseStep, a.invoiceId, a));

/**
 * A live checkout that a new one replaces, expired at Stripe already: recorded as expired, which
 * owes its invoices' release (checkout.ts). False when it had already ended.
 */
export function recordExpired(checkout: CheckoutRecord, deps: CheckoutStepDeps): Promise<boolean> {
  return advance(checkout, 'expired', null, deps, {}, releaseHolds);
}

const allocationArgs = (checkout: CheckoutRecord) => checkout.allocations.map((a) => ({ businessId: checkout.businessId, checkoutId: checkout.id, invoiceId: a.invoiceId, amount: a.amount }));

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
  const now = deps.clock.now().toISOString();
  const notice = (kind: 'receipt' | 'payment-failed') => owe(queueNoticeStep, kind, { job: { kind, businessId, checkoutId, requestedAt: now } });
  let outcome: EventOutcome;
  if (state.status === 'expired') {
    outcome = (await advance(checkout, 'expired', null, deps, {}, releaseHolds)) ? 'expired' : 'open';
  } else if (state.status !== 'complete') {
    outcome = 'open';
  } else if (state.amountTotal !== checkout.amount || state.currency !== checkout.currency) {
    // Stripe charged something other than what was allocated: apply nothing, hold it for a person.
    await advance(checkout, 'review', method, deps);
    outcome = 'amount-mismatch';
  } else if (state.paymentStatus === 'paid') {
    // The write that decides: the checkout is paid, and it owes each invoice its payment and the customer a receipt.
    await advance(checkout, 'paid', method, deps, { paymentIntentId: state.paymentIntentId }, (paid) => [
      ...allocationArgs(paid).map((a) => owe(checkoutPaymentStep, a.invoiceId, { ...a, currency: paid.currency, method: method ?? 'card', reference: state.paymentIntentId, paidAt: now })),
      notice('receipt'),
      ...releaseHolds(paid),
    ]);
    outcome = 'paid';
  } else if (state.paymentIntentStatus === 'requires_payment_method' || state.paymentIntentStatus === 'canceled') {
    await advance(checkout, 'failed', method, deps, {}, (failed) => [
      ...allocationArgs(failed).map((a) => owe(checkoutFailedStep, a.invoiceId, a)),
      notice('payment-failed'),
      ...releaseHolds(failed),
      ...failed.allocations.map((a) =>
        oweEvent({ id: eventId('invoice.payment_failed', `${checkoutId}.${a.invoiceId}`), type: 'invoice.payment_failed', createdAt: now, businessId, data: { invoiceId: a.invoiceId, customerId: failed.customerId, amount: a.amount, currency: failed.currency, checkoutId } }),
      ),
    ]);
    outcome = 'failed';
  } else {
    // Complete but not paid yet: a bank debit on its way.
    await advance(checkout, 'processing', method, deps, {}, (processing) => allocationArgs(processing).map((a) => owe(checkoutPendingStep, a.invoiceId, a)));
    outcome = 'processing';
  }
  // Remembered only once the deciding write is done: a crash before here is finished by Stripe's
  // retry; after it, by the re-driver (the steps are owed on the checkout).
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
 * Stripe says now is recorded on the checkout, which owes each invoice its share. Refunds are
 * cumulative totals, spread over the checkout's invoices in allocation order and set per payment,
 * so each refund counts once whatever the delivery.
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

  await update(
    checkout,
    deps,
    (c) => (c.amountRefunded >= charge.amountRefunded && c.disputed === charge.disputed ? null : { amountRefunded: Math.max(c.amountRefunded, charge.amountRefunded), disputed: charge.disputed }),
    (c) => {
      // A duplicate's excess, which the portal refunded itself, goes to its own invoice; the rest in allocation order.
      // Never more in all than Stripe says was refunded.
      let left = c.amountRefunded;
      const excessShares = allocationArgs(c).map((a) => {
        const share = Math.min(c.excessRefunds[a.invoiceId] ?? 0, a.amount, left);
        left -= share;
        return share;
      });
      let rest = left;
      return allocationArgs(c).map((a, i) => {
        const excess = excessShares[i]!;
        const more = Math.min(a.amount - excess, rest);
        rest -= more;
        const refunded = excess + more;
        return owe(checkoutChargeStep, `${a.invoiceId}#${refunded}#${c.disputed}`, { ...a, customerId: c.customerId, currency: c.currency, refunded, disputed: c.disputed });
      });
    },
  );
  await deps.checkouts.markEventHandled(businessId, event.id, deps.clock.now().toISOString());
  return { outcome: 'refund-or-dispute', ...ids };
}

/** Moves the checkout forward (never back: a late `completed` cannot undo `paid`), owing `owes`; true if it moved. */
async function advance(first: CheckoutRecord, status: CheckoutRecord['status'], method: string | null, deps: CheckoutStepDeps, extra: Partial<CheckoutRecord> = {}, owes?: (next: CheckoutRecord) => StepToOwe[]): Promise<boolean> {
  return update(first, deps, (checkout) => (order[status] <= order[checkout.status] ? null : { status, method: method ?? checkout.method, ...extra }), owes);
}

const checkoutOwner = (checkout: Pick<CheckoutRecord, 'businessId' | 'id'>) => stepOwner('checkout', checkout);

/**
 * Writes `change` of the checkout on the version read, with the steps `owes` names for the new
 * record, and runs them; reads again on a conflict. False when there was nothing to change: then
 * whatever the checkout still owes past its grace (a crash's leftover) is run instead.
 */
async function update(first: CheckoutRecord, deps: CheckoutStepDeps, change: (checkout: CheckoutRecord) => Partial<CheckoutRecord> | null, owes: (next: CheckoutRecord) => StepToOwe[] = () => []): Promise<boolean> {
  return readModifyWrite<CheckoutRecord, boolean>(
    async (attempt) => (attempt === 0 ? first : (await deps.checkouts.getCheckout(first.businessId, first.id, { consistent: true }))!),
    async (checkout) => {
      const patch = change(checkout);
      if (!patch) {
        // A repeat (Stripe delivers each event several times, often at once): it runs only what a
        // crash left past its grace; what was owed moments ago is being run by the delivery that owes it.
        await runLeftoverSteps(checkoutOwner(checkout), checkoutSteps, deps, { dueOnly: true });
        return { done: false };
      }
      const next: CheckoutRecord = { ...checkout, ...patch, version: checkout.version + 1, updatedAt: deps.clock.now().toISOString() };
      const owed = newOwedSteps(owes(next), deps.clock.now(), next.version * 1000);
      return {
        write: () => deps.checkouts.putCheckout(next, checkout.version, owed),
        after: async () => {
          // Paid is final and forward-only: exactly one write ever makes a checkout paid.
          if (next.status === 'paid' && checkout.status !== 'paid') countMetric(metricNames.checkoutsCompleted, 1);
          await runOwedSteps(checkoutOwner(next), owed, checkoutSteps, deps);
          return true;
        },
      };
    },
    () => new Error(`Checkout ${first.id} kept changing`),
  );
}

const stripeMethods: Record<string, InvoicePaymentMethod> = { card: 'card', us_bank_account: 'us_bank_account', affirm: 'affirm', klarna: 'klarna' };
const toMethod = (type: string | null): InvoicePaymentMethod | null => (type ? (stripeMethods[type] ?? 'other') : null);
