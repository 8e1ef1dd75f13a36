import type { Versioned } from '../kernel/types';

/**
 * A checkout: what the customer chose to pay (the allocation over invoices), kept under our id
 * and named in the Stripe session's metadata. Only Stripe's webhook moves its status forward.
 */
export interface CheckoutRecord extends Versioned {
  id: string;
  businessId: string;
  customerId: string;
  stripeAccountId: string;
  stripeSessionId: string;
  url: string;
  currency: string;
  /** What Stripe is asked to charge: the sum of the allocations. */
  amount: number;
  allocations: { invoiceId: string; invoiceNumber: string; amount: number }[];
  /**
   * The link the checkout was started through (a pay link's invoice, an estimate link's estimate),
   * or null when signed in: its receipt then carries a fresh link of that kind, since the customer
   * may have no session to open the invoices page with (shared/paying/notices.ts).
   */
  openedWith: { kind: 'invoice' | 'estimate'; id: string } | null;
  /** open → processing (a bank payment on its way) → paid | failed; open → expired. `review`: Stripe charged something else. */
  status: 'open' | 'processing' | 'paid' | 'failed' | 'expired' | 'review';
  /** The method used, once known (`card`, `us_bank_account`, `affirm`, `klarna`). */
  method: string | null;
  /** Stripe's PaymentIntent, once paid: refunds and disputes name it. */
  paymentIntentId: string | null;
  /** What was given back so far (cumulative, as Stripe last told it). */
  amountRefunded: number;
  /**
   * What the portal itself refunded of a payment that came on top of a paid invoice (a duplicate),
   * by invoice: Stripe's cumulative refund is spread over these first, the rest in allocation order.
   */
  excessRefunds: Record<string, number>;
  disputed: boolean;
  expiresAt: string;
  /**
   * Set when the customer was told how it ended: the receipt, or that the bank payment failed (one
   * or the other, never both). Claimed before sending, released if the send fails.
   */
  noticeSentAt: string | null;
}
