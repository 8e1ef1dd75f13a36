/**
 * Starting a checkout (`POST /api/payments/checkout`) and reading how it went. The portal never
 * records a payment here: only Stripe's webhook does (apply-event.ts).
 *
 * The same request repeated quickly (a double click, two tabs) gets the same checkout: its id is
 * derived from the customer, the allocation and a 10-minute window, Stripe's idempotency key is
 * that id, and every parameter sent to Stripe is derived from the same inputs, so Stripe answers
 * the repeat with the session it already made.
 */
import { eligibleMethods, type CheckoutInvoice, type CheckoutStatusResponse, type StartCheckoutResponse } from '../contract/customer/payments';
import { Conflict, InvalidInput, NotFound, type FieldSaying } from '../kernel/errors';
import type { CheckoutRecord } from '../payments/model';
import type { CheckoutStore, PaymentGateway } from '../payments/port';
import type { InvoiceStore } from '../invoices/port';
import type { InvoiceState } from '../invoices/model';
import type { DirectoryStore } from '../directory/port';
import { paymentIdOf, recordExpired, type CheckoutStepDeps } from './apply-event';
import { derivedId } from '../kernel/ids';
import { formatMoney } from '../contract/money';
import { balanceOf, payableOf } from '../invoices/ledger';
import { reachesInvoice, type CustomerScope } from '../invoices/customer-invoices';
import { paymentsEnabled } from '../directory/payments-enabled';
import { countMetric, metricNames } from '../logging/metrics';

/** Requests within one window for the same allocation share a checkout. */
const windowMs = 10 * 60_000;
/** Stripe wants 30 min to 24 h; from the window's start, so it is the same for every repeat in the window. */
const lifetimeMs = windowMs + 30 * 60_000;

/** Starting a checkout may end an older one (and run what its end owes): the step deps, and Stripe. */
export type CheckoutDeps = CheckoutStepDeps & { directory: DirectoryStore; payments: PaymentGateway; portalOrigin: string };

export async function startCheckout(
  session: CustomerScope,
  input: { invoiceIds: string[]; amount?: number | undefined },
  deps: CheckoutDeps,
): Promise<StartCheckoutResponse> {
  const business = await deps.directory.getBusiness(session.businessId);
  if (!business || !paymentsEnabled(business)) throw new Conflict('This business does not take payments in the portal yet.').saying('problems.payments.off');
  const customer = await deps.directory.getCustomer(session.businessId, session.customerId);
  const invoices = await Promise.all(input.invoiceIds.map((id) => deps.invoices.getInvoice(session.businessId, id, { consistent: true })));
  invoices.forEach((invoice, i) => {
    // Another customer's invoice, or one past what a link opens, is answered like one that does not exist.
    if (!invoice || !reachesInvoice(session, invoice)) throw new NotFound(`There is no invoice ${input.invoiceIds[i]}.`).saying('problems.invoice.not-found', { id: input.invoiceIds[i]! });
  });
  const found = invoices.map((invoice) => invoice!);
  const currency = found[0]!.currency;
  if (found.some((invoice) => invoice.currency !== currency)) throw new InvalidInput([{ field: 'invoiceIds', message: 'must all be in one currency: pay them separately', said: { key: 'problems.field.one-currency' } }]);
  for (const invoice of found) {
    // Money under a chargeback is the business's to settle with the customer: no new online payment until it closes.
    if (invoice.disputed) throw new Conflict(`Invoice ${invoice.number} has a payment under dispute. Please contact the business about it.`).saying('problems.invoice.disputed', { invoice: invoice.number });
    if (payableOf(invoice) === 0) {
      throw invoice.amountPending > 0
        ? new Conflict(`A payment of invoice ${invoice.number} is already on its way.`).saying('problems.invoice.on-its-way', { invoice: invoice.number })
        : new Conflict(`Invoice ${invoice.number} has nothing left to pay.`).saying('problems.invoice.nothing-to-pay', { invoice: invoice.number });
    }
  }
  if (input.amount !== undefined) checkPartial(input.amount, found.length === 1 ? payableOf(found[0]!) : null, business.payments.partialPayments, currency);

  const allocations = found.map((invoice) => ({ invoiceId: invoice.id, invoiceNumber: invoice.number, amount: input.amount ?? payableOf(invoice) }));
  const amount = allocations.reduce((sum, a) => sum + a.amount, 0);
  const now = deps.clock.now().getTime();
  const windowStart = Math.floor(now / windowMs) * windowMs;

  // A checkout that ended (expired, failed) in this window is not reused: the next one gets the next id.
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = checkoutIdOf(session, allocations, windowStart, attempt);
    const existing = await deps.checkouts.getCheckout(session.businessId, id, { consistent: true });
    if (existing && existing.status === 'open') return { checkoutId: id, url: existing.url };
    if (existing) continue;
    const stripeAccountId = business.payments.stripeAccountId!;
    const expiresAt = new Date(windowStart + lifetimeMs);
    // One invoice, one live checkout: held before Stripe hears of this one (an older live one is expired first).
    await holdInvoices(found, id, expiresAt.toISOString(), deps);
    let started: { sessionId: string; url: string };
    try {
      started = await deps.payments.createCheckout({
        stripeAccountId,
        checkoutId: id,
        businessId: session.businessId,
        currency,
        lines: allocations.map((a) => ({ name: `Invoice ${a.invoiceNumber}`, amount: a.amount })),
        applicationFeeAmount: Math.floor((amount * business.payments.applicationFeeBps) / 10_000),
        allowedPaymentMethodTypes: eligibleMethods(business, { currency, value: amount }),
        customerEmail: customer?.email ?? null,
        successUrl: `${deps.portalOrigin}/${business.slug}/${returnPage(session, found, id)}`,
        // A link's holder goes back to the page of their link (the page keeps the token for the tab).
        cancelUrl: `${deps.portalOrigin}/${business.slug}/${cancelPage(session)}`,
        expiresAt: Math.floor(expiresAt.getTime() / 1000),
      });
    } catch (error) {
      await releaseHolds(found, id, deps);
      throw error;
    }
    const { sessionId, url } = started;
    const at = new Date(now).toISOString();
    const checkout: CheckoutRecord = {
      id, businessId: session.businessId, customerId: session.customerId, stripeAccountId, stripeSessionId: sessionId, url, currency, amount, allocations, openedWith: session.only && session.only.kind !== 'form' ? { kind: session.only.kind, id: session.only.id } : null,
      status: 'open', method: null, paymentIntentId: null, amountRefunded: 0, excessRefunds: {}, disputed: false, expiresAt: expiresAt.toISOString(), noticeSentAt: null, version: 1, createdAt: at, updatedAt: at,
    };
    // A concurrent repeat may have written it first: Stripe gave both the same session.
    if (await deps.checkouts.putCheckout(checkout, null)) countMetric(metricNames.checkoutsStarted, 1);
    return { checkoutId: id, url };
  }
  throw new Conflict('Too many checkouts for these invoices just now. Please wait a few minutes and try again.').saying('problems.checkout.too-many');
}

/**
 * Where Stripe sends the customer after paying: a deposit back to its estimate (to book the
 * visit next), anything else to the payment's own page.
 */
function returnPage(caller: CustomerScope, invoices: { estimateId: string | null }[], checkoutId: string): string {
  const estimateId = invoices.length === 1 ? invoices[0]!.estimateId : null;
  if (!estimateId) return `payments/${checkoutId}`;
  return caller.only ? `estimate?checkout=${checkoutId}` : `estimates/${estimateId}?checkout=${checkoutId}`;
}

/** Where Stripe's "back" leads: the page the customer came from. */
const cancelPage = (caller: CustomerScope) => (!caller.only ? 'invoices' : caller.only.kind === 'invoice' ? 'pay' : 'estimate');

/** Amounts are minor units; the messages say them as a customer reads them ($10.00). */
function checkPartial(amount: number, payable: number | null, rule: { allowed: boolean; minimumAmount: number }, currency: string): void {
  const bad = (message: string, said: FieldSaying) => new InvalidInput([{ field: 'amount', message, said }]);
  if (payable === null) throw bad('can only be chosen when paying a single invoice', { key: 'problems.field.amount-single' });
  if (!rule.allowed) throw bad('cannot be chosen: this business takes invoices in full', { key: 'problems.field.amount-in-full' });
  if (amount > payable) {
    throw bad(`must be at most what is left to pay, ${formatMoney(payable, currency)}`, { key: 'problems.field.amount-at-most', values: { max: { amount: payable, currency } } });
  }
  const minimum = Math.min(rule.minimumAmount, payable);
  if (amount < minimum) throw bad(`must be at least ${formatMoney(minimum, currency)}`, { key: 'problems.field.too-small', values: { min: { amount: minimum, currency } } });
}

/** Holds each invoice for the checkout, or none of them (a refusal lets go of those already held). */
async function holdInvoices(invoices: InvoiceState[], checkoutId: string, until: string, deps: CheckoutDeps): Promise<void> {
  const held: InvoiceState[] = [];
  try {
    for (const invoice of invoices) {
      await holdInvoice(invoice, checkoutId, until, deps);
      held.push(invoice);
    }
  } catch (error) {
    await releaseHolds(held, checkoutId, deps);
    throw error;
  }
}

async function releaseHolds(invoices: InvoiceState[], checkoutId: string, deps: Pick<CheckoutDeps, 'invoices'>): Promise<void> {
  for (const invoice of invoices) await deps.invoices.releaseCheckoutHold(invoice.businessId, invoice.id, checkoutId);
}

/**
 * One conditional write decides which checkout may take the invoice. Held by another: a live one
 * is expired at Stripe first (if Stripe says it is complete, it is being paid: 409), one that
 * ended is let go of, and the hold is tried again.
 */
async function holdInvoice(invoice: InvoiceState, checkoutId: string, until: string, deps: CheckoutDeps): Promise<void> {
  const onItsWay = () => new Conflict(`A payment of invoice ${invoice.number} is already on its way.`).saying('problems.invoice.on-its-way', { invoice: invoice.number });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await deps.invoices.holdForCheckout(invoice.businessId, invoice.id, { checkoutId, until }, deps.clock.now().toISOString())) return;
    const holder = (await deps.invoices.getInvoice(invoice.businessId, invoice.id, { consistent: true }))?.checkoutHold;
    if (!holder) continue;
    const other = await deps.checkouts.getCheckout(invoice.businessId, holder.checkoutId, { consistent: true });
    if (!other) throw new Conflict(`A payment of invoice ${invoice.number} is being started in another window. Please try again in a moment.`).saying('problems.invoice.busy', { invoice: invoice.number });
    if (other.status === 'open') {
      if ((await deps.payments.expireCheckout(other.stripeAccountId, other.stripeSessionId)) === 'complete') throw onItsWay();
      await recordExpired(other, deps);
    } else if (other.status === 'processing' || other.status === 'review') {
      throw onItsWay();
    } else {
      // Ended (paid, failed, expired): what its end owes lets go of the invoice; do it now.
      await deps.invoices.releaseCheckoutHold(invoice.businessId, invoice.id, other.id);
    }
  }
  throw new Conflict(`Invoice ${invoice.number} is being paid in another window. Please try again in a moment.`).saying('problems.invoice.busy', { invoice: invoice.number });
}

const checkoutIdOf = (session: { businessId: string; customerId: string }, allocations: { invoiceId: string; amount: number }[], windowStart: number, attempt: number) =>
  derivedId('chk_', JSON.stringify([session.businessId, session.customerId, allocations.map((a) => [a.invoiceId, a.amount]), windowStart, attempt]));

/**
 * An invoice as the checkout leaves it. The checkout's move (paid, processing) is the deciding
 * write; the invoice's ledger follows in a step a moment later. Until it has, this payment is
 * counted here as the ledger will count it, so the page never shows "paid" beside the old balance.
 */
export function invoiceAfter(checkout: Pick<CheckoutRecord, 'id' | 'status'>, allocation: CheckoutRecord['allocations'][number], invoice: InvoiceState): CheckoutInvoice {
  const paymentId = paymentIdOf(checkout, allocation.invoiceId);
  const applied = invoice.appliedPaymentIds.includes(paymentId);
  const amountPaid = invoice.amountPaid + (checkout.status === 'paid' && !applied ? allocation.amount : 0);
  const pendingHere = checkout.status === 'processing' && !applied && !(paymentId in invoice.pendingPayments) ? allocation.amount : 0;
  return {
    id: allocation.invoiceId,
    number: allocation.invoiceNumber,
    amount: allocation.amount,
    status: invoice.status === 'open' && amountPaid >= invoice.total ? 'paid' : invoice.status === 'open' && pendingHere > 0 ? 'processing' : invoice.status,
    total: invoice.total,
    amountPaid,
    amountPending: invoice.amountPending + pendingHere,
    balance: balanceOf({ total: invoice.total, amountPaid }),
  };
}

/** How a checkout went, for the page the customer returns to (it polls while `open` or `processing`). */
export async function checkoutStatus(session: CustomerScope, checkoutId: string, deps: { checkouts: CheckoutStore; invoices: InvoiceStore }): Promise<CheckoutStatusResponse> {
  const checkout = await deps.checkouts.getCheckout(session.businessId, checkoutId, { consistent: true });
  if (!checkout || checkout.customerId !== session.customerId) throw new NotFound('We could not find that payment.').saying('problems.payment.not-found');
  const invoices = await Promise.all(checkout.allocations.map((a) => deps.invoices.getInvoice(session.businessId, a.invoiceId)));
  if (invoices.some((invoice) => !reachesInvoice(session, invoice))) throw new NotFound('We could not find that payment.').saying('problems.payment.not-found');
  return {
    checkoutId: checkout.id,
    // Held for review (Stripe charged something else than asked): to the customer it is still on its way.
    status: checkout.status === 'review' ? 'processing' : checkout.status,
    amount: checkout.amount,
    currency: checkout.currency,
    method: checkout.method,
    invoices: checkout.allocations.map((a, i) => invoiceAfter(checkout, a, invoices[i]!)),
  };
}
