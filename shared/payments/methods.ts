/**
 * Which ways to pay a checkout may offer: card always; the rest where the business allows them
 * and the amount and currency qualify (facts in docs/payments.md). This is a filter Stripe applies
 * on top of its own eligibility (`allowed_payment_method_types`), so a method we allow may still
 * not show, but one we leave out never does.
 */
import type { Business, PaymentSettings } from '../directory/model';

export type PaymentMethodType = 'card' | 'us_bank_account' | 'affirm' | 'klarna';

/** Klarna's currencies; its cart limits are Klarna's own and change, so Stripe judges the amount. */
const klarnaCurrencies = new Set(['USD', 'EUR', 'GBP', 'DKK', 'SEK', 'NOK', 'CHF', 'PLN', 'CZK', 'CAD', 'AUD', 'NZD']);
/** Affirm: one-time payments of USD 50 to 30,000. */
const affirmRange = { min: 5_000, max: 3_000_000 } as const;

export const paymentsEnabled = (business: Pick<Business, 'payments'>): boolean => !!business.payments.stripeAccountId && business.payments.chargesEnabled;

/** Takes the methods the business offers: the server's settings or the portal's view of them. */
export function eligibleMethods(business: { payments: Pick<PaymentSettings, 'methods'> }, amount: { currency: string; value: number }): PaymentMethodType[] {
  const { methods } = business.payments;
  const usd = amount.currency === 'USD';
  return [
    'card',
    ...(methods.ach && usd ? (['us_bank_account'] as const) : []),
    ...(methods.affirm && usd && amount.value >= affirmRange.min && amount.value <= affirmRange.max ? (['affirm'] as const) : []),
    ...(methods.klarna && klarnaCurrencies.has(amount.currency) ? (['klarna'] as const) : []),
  ];
}
