/**
 * The customer API: paying invoices. `POST /api/payments/checkout` starts a Stripe Checkout for
 * some open invoices (or part of one), `GET /api/payments/checkout/{checkoutId}` says how it went.
 * Which ways to pay an amount can use is part of the contract: the portal shows those buttons
 * and checkout offers exactly those.
 */
import * as v from 'valibot';
import { maxAmount } from '../money';
import { Slug } from '../slugs';
import { DocumentId, type InvoiceStatus } from './invoices';

/** How a customer can pay online; `card` always, the rest as the business allows. */
export type PaymentMethodType = 'card' | 'us_bank_account' | 'affirm' | 'klarna';

/** The methods besides card a business offers (its settings, as the portal shows them). */
export interface PaymentMethodsOffered {
  ach: boolean;
  affirm: boolean;
  klarna: boolean;
}

/** Klarna's currencies; its cart limits are Klarna's own and change, so Stripe judges the amount. */
const klarnaCurrencies = new Set(['USD', 'EUR', 'GBP', 'DKK', 'SEK', 'NOK', 'CHF', 'PLN', 'CZK', 'CAD', 'AUD', 'NZD']);
/** Affirm: one-time payments of USD 50 to 30,000. */
export const affirmRange = { min: 5_000, max: 3_000_000 } as const;

/**
 * Which ways to pay a checkout may offer: card always; the rest where the business allows them
 * and the amount and currency qualify (docs/business-api.md, "Online payments"). This is a filter Stripe
 * applies on top of its own eligibility (`allowed_payment_method_types`), so a method we allow
 * may still not show, but one we leave out never does. Takes the server's settings or the
 * portal's view of them.
 */
export function eligibleMethods(business: { payments: { methods: PaymentMethodsOffered } }, amount: { currency: string; value: number }): PaymentMethodType[] {
  const { methods } = business.payments;
  const usd = amount.currency === 'USD';
  return [
    'card',
    ...(methods.ach && usd ? (['us_bank_account'] as const) : []),
    ...(methods.affirm && usd && amount.value >= affirmRange.min && amount.value <= affirmRange.max ? (['affirm'] as const) : []),
    ...(methods.klarna && klarnaCurrencies.has(amount.currency) ? (['klarna'] as const) : []),
  ];
}

/**
 * `GET /api/portals/{slug}/financing?amount=&currency=`: what the page needs to show Stripe's
 * Payment Method Messaging for Affirm on an amount (an invoice's balance, an estimate option's
 * total), so a customer can see what monthly payments could look like and pre-qualify before
 * paying. The monthly figures and the pre-qualification are Stripe's and Affirm's own (their
 * element, their script); the portal adds no promise of its own.
 */
export const FinancingQuery = v.strictObject({
  amount: v.pipe(
    v.string('must be a whole number of minor units (cents)'),
    v.regex(/^[1-9][0-9]{0,10}$/, 'must be a whole number of minor units (cents)'),
    v.transform(Number),
    v.maxValue(maxAmount, `must be at most ${maxAmount} minor units`),
  ),
  currency: v.pipe(v.string('must be a currency code'), v.regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD')),
});
export type FinancingQuery = v.InferOutput<typeof FinancingQuery>;

/** Stripe's messaging element, as the page mounts it; or why there is nothing to show. */
export type FinancingOffer =
  | {
      available: true;
      /** Stripe.js (or the local sandbox's stand-in): the one script origin the page's CSP allows for it. */
      scriptUrl: string;
      publishableKey: string;
      /** The business's connected account: the plans are its own. */
      stripeAccount: string;
      paymentMethodTypes: ['affirm'];
      countryCode: 'US';
      amount: number;
      currency: 'USD';
    }
  | {
      available: false;
      /** `not_offered`: the business takes no Affirm (or no online payments, or this stage shows no messaging); `amount`: outside USD 50–30,000. */
      reason: 'not_offered' | 'amount';
    };

/** One checkout pays at most this many invoices. */
export const maxInvoicesPerCheckout = 10;

/** `POST /api/payments/checkout`: the invoices to pay, and for a single one optionally a part of it. */
export const StartCheckoutBody = v.strictObject({
  invoiceIds: v.pipe(
    v.array(DocumentId, 'must be a list of invoice ids'),
    v.minLength(1, 'must name at least one invoice'),
    v.maxLength(maxInvoicesPerCheckout, `must name at most ${maxInvoicesPerCheckout} invoices`),
    v.check((ids) => new Set(ids).size === ids.length, 'must not repeat an invoice'),
  ),
  amount: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number of minor units (cents)'), v.minValue(1, 'must be at least 1'), v.maxValue(maxAmount, `must be at most ${maxAmount} minor units`))),
});
export type StartCheckoutBody = v.InferOutput<typeof StartCheckoutBody>;

export interface StartCheckoutResponse {
  checkoutId: string;
  /** Stripe's hosted checkout page: send the browser there. */
  url: string;
}

export const CheckoutPath = v.strictObject({ checkoutId: v.pipe(v.string(), v.regex(/^chk_[A-Za-z0-9]{22}$/, 'must be a checkout id')) });

export interface CheckoutStatusResponse {
  checkoutId: string;
  /** `open` (not paid yet), `processing` (a bank payment on its way), `paid`, `failed`, `expired`. */
  status: 'open' | 'processing' | 'paid' | 'failed' | 'expired';
  amount: number;
  currency: string;
  method: string | null;
  /**
   * Each invoice paid: `amount` is this checkout's part of it; `total`, `amountPaid`,
   * `amountPending` and `balance` are the invoice as it stands now (as `InvoiceSummary` has them),
   * so a part payment shows what is paid and what is still owed.
   */
  invoices: CheckoutInvoice[];
}

export interface CheckoutInvoice {
  id: string;
  number: string;
  amount: number;
  status: InvoiceStatus;
  total: number;
  amountPaid: number;
  /** Bank payments on their way (this one, while it is processing): not in `amountPaid` yet. */
  amountPending: number;
  balance: number;
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerPaymentSchemas = {
  getFinancing: { path: v.strictObject({ slug: Slug }), query: FinancingQuery },
  createCheckout: { body: StartCheckoutBody },
  getCheckout: { path: CheckoutPath },
} as const;
