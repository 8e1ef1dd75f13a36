import type { CheckoutRecord } from './model';

import type { OwedSteps } from '../followups/owed';

export type NoticeSlot = 'ending' | { refundOf: string };

export interface CheckoutStore {
  getCheckout(businessId: string, checkoutId: string, options?: { consistent?: boolean }): Promise<CheckoutRecord | null>;
  /** Writes the checkout if the stored version is `expectedVersion` (null: it must not exist). */
  putCheckout(checkout: CheckoutRecord, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  /**
   * Claims one of the customer's notices about the checkout for a send (`ending`: the receipt or
   * the failure; `{ refundOf }`: the refund of that invoice's duplicate payment): false when it was
   * sent, or a send claimed it at or after `staleBefore` (an older claim was a crash's, and expires).
   */
  claimNotice(businessId: string, checkoutId: string, at: string, staleBefore: string, which?: NoticeSlot): Promise<boolean>;
  /** Whether that notice went out. */
  noticeSent(businessId: string, checkoutId: string, which?: NoticeSlot): Promise<boolean>;
  /** The notice went out: no claim can be taken again. */
  markNoticeSent(businessId: string, checkoutId: string, at: string, which?: NoticeSlot): Promise<void>;
  /** Gives the claim back after a failed send, so the queue's retry can send. */
  releaseNotice(businessId: string, checkoutId: string, at: string, which?: NoticeSlot): Promise<void>;
  /** Whether a Stripe event was handled to the end before (a repeat then does nothing). */
  eventHandled(businessId: string, eventId: string): Promise<boolean>;
  markEventHandled(businessId: string, eventId: string, at: string): Promise<void>;
}

// ---------- Stripe ----------

/** A Stripe event whose signature checked out, reduced to what fulfilment reads. */
export interface PaymentEvent {
  id: string;
  type: string;
  /** The connected account it happened on (`event.account`); null for the platform's own. */
  account: string | null;
  livemode: boolean;
  created: number;
  /** The event's object: its id, type and the fields fulfilment reads (metadata among them). */
  object: { id: string; object: string; metadata: Record<string, string> } & Record<string, unknown>;
}

/** What the webhook queues for the consumer: the verified event, as it came. */
export type PaymentEventJob = { kind: 'stripe-event'; event: PaymentEvent };

export interface CheckoutLine {
  /** Shown on Stripe's page, one per invoice: "Invoice INV-1063". */
  name: string;
  amount: number;
}

export interface CreateCheckoutInput {
  stripeAccountId: string;
  /** Our checkout id: names the session in metadata and is its idempotency key. */
  checkoutId: string;
  businessId: string;
  currency: string;
  lines: CheckoutLine[];
  /** Minor units the platform keeps (Connect application fee); 0 for none. */
  applicationFeeAmount: number;
  /** What this checkout may offer (card always; ACH, Affirm, Klarna when allowed and eligible). */
  allowedPaymentMethodTypes: string[];
  customerEmail: string | null;
  successUrl: string;
  cancelUrl: string;
  /** Epoch seconds (Stripe allows 30 min to 24 h ahead). */
  expiresAt: number;
}

/** A Checkout Session as Stripe tells it now (the truth fulfilment moves towards). */
export interface CheckoutState {
  id: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  amountTotal: number;
  currency: string;
  paymentIntentId: string | null;
  /** `processing` while a bank debit is on its way; `requires_payment_method` or `canceled` after it failed. */
  paymentIntentStatus: string | null;
  /** The payment method the customer chose, when known (`card`, `us_bank_account`, `affirm`, `klarna`). */
  paymentMethodType: string | null;
  metadata: Record<string, string>;
}

export interface ChargeState {
  paymentIntentId: string;
  /** Cumulative: everything refunded on the payment so far (minor units). */
  amountRefunded: number;
  /** An open dispute (chargeback) on the payment. */
  disputed: boolean;
  currency: string;
  metadata: Record<string, string>;
}

export interface PaymentGateway {
  /** The test/live mode of the platform key: events from the other mode are refused. */
  livemode(): Promise<boolean>;
  createCheckout(input: CreateCheckoutInput): Promise<{ sessionId: string; url: string }>;
  getCheckout(stripeAccountId: string, sessionId: string): Promise<CheckoutState>;
  /**
   * Expires an open checkout session so nobody can pay it any more; answers what the session is
   * now (`complete`: the customer paid or is paying it meanwhile, so it could not be expired).
   */
  expireCheckout(stripeAccountId: string, sessionId: string): Promise<'expired' | 'complete'>;
  /** Refunds part of a payment (once per idempotency key), on the connected account. */
  refundPayment(stripeAccountId: string, input: { paymentIntentId: string; amount: number; idempotencyKey: string; metadata: Record<string, string> }): Promise<{ refundId: string }>;
  /** Creates the business's connected account (once: the business id is the idempotency key). */
  createConnectedAccount(businessId: string): Promise<{ accountId: string }>;
  /** A one-time Stripe-hosted onboarding link for the account (expires in minutes). */
  createOnboardingLink(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<{ url: string; expiresAt: number }>;
  /** The account as Stripe tells it now. */
  getAccount(accountId: string): Promise<{ id: string; chargesEnabled: boolean; metadata: Record<string, string> }>;
  /** A PaymentIntent's charge as Stripe tells it now: what was refunded in all, whether it is disputed, and our metadata. */
  getChargeState(stripeAccountId: string, paymentIntentId: string): Promise<ChargeState>;
  /** Checks `stripe-signature` on the raw body; throws InvalidSignature when it does not hold. */
  verifyEvent(rawBody: Buffer, signature: string | undefined): Promise<PaymentEvent>;
}
