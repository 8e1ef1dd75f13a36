/**
 * A payment on top of a paid invoice: one invoice, one charge (security.md rule 51). Checkouts
 * hold their invoices so a second one cannot start while the first is live (checkout.ts), but
 * Stripe can still report a second payment (a customer paying at the moment the first session is
 * expired, a hold that lapsed with a session still open). Then the ledger records the truth and
 * owes this step: the excess is written on the checkout (so Stripe's cumulative refund is spread
 * onto the right invoice), refunded on the connected account (once: the idempotency key is the
 * payment's), and `payment.refunded` (reason `duplicate`) and the customer's notice go out.
 */
import { Conflict } from '../kernel/errors';
import type { CheckoutRecord } from './model';
import type { CheckoutStore, PaymentGateway } from './port';
import type { Clock } from '../kernel/types';
import { readModifyWrite } from '../kernel/read-modify-write';
import { emitEvent, eventId, type EventStepDeps } from '../events/emit';
import { defineStep, owe } from '../followups/owed';
import { need } from '../followups/need';
import type { NoticeStepDeps } from '../notifications/notice-step';

/** What the refund of a duplicate's excess uses: the checkouts, Stripe, and the queues its event and notice go by. */
export type RefundExcessDeps = { checkouts: CheckoutStore; clock: Clock; payments?: PaymentGateway | undefined } & EventStepDeps & NoticeStepDeps;

type ExcessArgs = { businessId: string; checkoutId: string; invoiceId: string; paymentId: string; amount: number };

export const refundExcessStep = defineStep<ExcessArgs, RefundExcessDeps>('refund-excess', async (a, deps) => {
  // 1. Written on the checkout first, so Stripe's refund event, whenever it comes, is spread onto this invoice.
  const checkout = await readModifyWrite<CheckoutRecord | null, CheckoutRecord>(
    () => deps.checkouts.getCheckout(a.businessId, a.checkoutId, { consistent: true }),
    (current) => {
      if (!current?.paymentIntentId) throw new Error(`Checkout ${a.checkoutId} has no payment to refund from yet`);
      if (current.excessRefunds[a.invoiceId] === a.amount) return { done: current };
      const next: CheckoutRecord = { ...current, excessRefunds: { ...current.excessRefunds, [a.invoiceId]: a.amount }, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
      return { write: () => deps.checkouts.putCheckout(next, current.version), after: () => next };
    },
    () => new Conflict(`Checkout ${a.checkoutId} kept changing while its duplicate refund was recorded`),
  );
  // 2. The refund, once whoever runs this step (the idempotency key is the payment's).
  await need(deps.payments, 'Stripe').refundPayment(checkout.stripeAccountId, {
    paymentIntentId: checkout.paymentIntentId!,
    amount: a.amount,
    idempotencyKey: `excess-${a.paymentId}`,
    metadata: { businessId: a.businessId, checkoutId: a.checkoutId, invoiceId: a.invoiceId, reason: 'duplicate' },
  });
  // 3. The business and the customer hear of it: the event's id and the notice's claim make a rerun send nothing twice.
  const createdAt = deps.clock.now().toISOString();
  await emitEvent(
    {
      id: eventId('payment.refunded', `${a.paymentId}#duplicate`),
      type: 'payment.refunded',
      createdAt,
      businessId: a.businessId,
      data: { invoiceId: a.invoiceId, customerId: checkout.customerId, paymentId: a.paymentId, amountRefunded: a.amount, currency: checkout.currency, reason: 'duplicate', checkoutId: a.checkoutId },
    },
    { webhooks: need(deps.webhooks, 'the webhooks queue') },
  );
  await need(deps.notifications, 'the notifications queue').send({ kind: 'duplicate-refund', businessId: a.businessId, checkoutId: a.checkoutId, invoiceId: a.invoiceId, amount: a.amount, requestedAt: createdAt });
});

export const oweExcessRefund = (args: ExcessArgs) => owe(refundExcessStep, args.paymentId, args);
