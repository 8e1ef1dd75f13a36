/**
 * Paying invoices, the parts that are plain arithmetic and words: which invoices can be paid,
 * the total of a selection, which ways to pay an amount can use, an amount typed in dollars
 * turned into cents (from the string, never through floating point), and how a checkout went.
 */
import { eligibleMethods, maxInvoicesPerCheckout, type CheckoutStatusResponse, type PaymentMethodType } from '../../shared/contract/customer/payments';
import type { InvoiceSummary } from '../../shared/contract/customer/invoices';
import type { Money } from '../../shared/contract/money';
import type { PortalInfo } from '../../shared/contract/customer/portal';
import { formatMoney, formatPaymentMethod } from './format';
import { t } from './i18n/current';

/** Something is left to pay and no bank payment is already on its way. */
export const canPay = (invoice: Pick<InvoiceSummary, 'balance' | 'status'>): boolean => invoice.balance > 0 && invoice.status !== 'processing';

export type Selection =
  | { kind: 'total'; count: number; total: Money }
  /** Invoices in different currencies cannot share one checkout. */
  | { kind: 'mixed'; count: number; currencies: string[] }
  | { kind: 'tooMany'; count: number };

/** What ticking these invoices adds up to: the balances' total, or why they cannot be paid together. */
export function selectionOf(invoices: Pick<InvoiceSummary, 'balance' | 'currency'>[]): Selection {
  const count = invoices.length;
  const currencies = [...new Set(invoices.map((i) => i.currency))].sort();
  if (currencies.length > 1) return { kind: 'mixed', count, currencies };
  if (count > maxInvoicesPerCheckout) return { kind: 'tooMany', count };
  return { kind: 'total', count, total: { amount: invoices.reduce((sum, i) => sum + i.balance, 0), currency: currencies[0] ?? 'USD' } };
}

/** The ways to pay this amount: `eligibleMethods`, the same rule checkout itself applies. */
export function methodsFor(payments: PortalInfo['payments'], money: Money): PaymentMethodType[] {
  return eligibleMethods({ payments }, { currency: money.currency, value: money.amount });
}

/** A method inside a sentence: "card", "bank account (ACH)", but "Affirm" and "Klarna". */
function methodInSentence(method: string): string {
  const name = formatPaymentMethod(method);
  return method === 'affirm' || method === 'klarna' ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/** "You can pay this by card, bank account (ACH), Affirm or Klarna." */
export function waysToPay(methods: readonly string[]): string {
  const words = methods.length > 0 ? methods.map(methodInSentence) : [methodInSentence('card')];
  const list = words.length === 1 ? words[0]! : t('portal.pay.ways.or', { rest: words.slice(0, -1).join(', '), last: words[words.length - 1]! });
  return t('portal.pay.ways', { methods: list });
}

/** Digits after the point in this currency (2 for USD, 0 for JPY), as formatMoney shows it. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type ParsedAmount = { ok: true; amount: number } | { ok: false; message: string };

/**
 * "20", "20.5", "$1,250.00" → minor units (2000, 2050, 125000), read digit by digit. A comma
 * counts only as a thousands separator ("1,5" is refused, not read as 15); more decimals than
 * the currency has are refused, not rounded.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const digits = minorDigits(currency);
  const example = digits === 0 ? '20' : `20.${'0'.repeat(digits)}`;
  // Spaces go, and one currency sign in front ("$20", "€ 20"); anything else must be digits.
  const value = text.replace(/\s+/g, '').replace(/^\p{Sc}/u, '');
  if (value === '') return { ok: false, message: t('portal.amount.error.empty', { example }) };
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(value);
  if (!m || (m[1] === undefined && !m[2])) return { ok: false, message: t('portal.amount.error.notNumber', { example }) };
  const fraction = m[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? t('portal.amount.error.whole', { example }) : t('portal.amount.error.decimals', { digits, example }) };
  }
  const minor = Number(`${(m[1] ?? '0').replace(/,/g, '')}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) return { ok: false, message: t('portal.amount.error.tooLarge') };
  return { ok: true, amount: minor };
}

/**
 * An amount to pay of one invoice, as checkout will judge it: more than zero, at least the
 * business's minimum (or the whole balance when less is left), at most the balance.
 */
export function partAmount(text: string, balance: Money, rule: PortalInfo['payments']['partialPayments']): ParsedAmount {
  const parsed = parseAmount(text, balance.currency);
  if (!parsed.ok) return parsed;
  const money = (amount: number) => formatMoney({ amount, currency: balance.currency });
  const minimum = Math.max(1, Math.min(rule.minimumAmount, balance.amount));
  if (parsed.amount > balance.amount) return { ok: false, message: t('portal.amount.error.moreThanBalance', { balance: money(balance.amount) }) };
  if (parsed.amount < minimum) return { ok: false, message: parsed.amount === 0 ? t('portal.amount.error.zero') : t('portal.amount.error.belowMinimum', { minimum: money(minimum) }) };
  return parsed;
}

export interface Outcome {
  /** `checking`: the page is still waiting for Stripe's word. */
  kind: 'checking' | 'paid' | 'processing' | 'failed' | 'notCompleted';
  /** The document title. */
  title: string;
  heading: string;
  /** What it means for the customer, after the heading. */
  text: string | null;
}

/** Terminal: the return page stops asking. */
export const isSettled = (status: CheckoutStatusResponse['status']): boolean => status === 'paid' || status === 'failed' || status === 'expired';

/** What the return page says about a checkout; `waiting` while it still asks (an open checkout may just not be confirmed yet). */
export function outcomeOf(status: CheckoutStatusResponse['status'], waiting: boolean): Outcome {
  switch (status) {
    case 'paid':
      return { kind: 'paid', title: t('portal.checkout.paid.title'), heading: t('portal.checkout.paid.heading'), text: null };
    case 'processing':
      return {
        kind: 'processing',
        title: t('portal.checkout.processing.title'),
        heading: t('portal.checkout.processing.heading'),
        text: t('portal.checkout.processing.text'),
      };
    case 'failed':
      return {
        kind: 'failed',
        title: t('portal.checkout.failed.title'),
        heading: t('portal.checkout.failed.heading'),
        text: t('portal.checkout.failed.text'),
      };
    case 'open':
      if (waiting) return { kind: 'checking', title: t('portal.checkout.checking.title'), heading: t('portal.checkout.checking.heading'), text: null };
      // Stripe has not confirmed it, and still may: do not say nothing was paid.
      return {
        kind: 'notCompleted',
        title: t('portal.checkout.notCompleted.title'),
        heading: t('portal.checkout.notCompleted.heading'),
        text: t('portal.checkout.notCompleted.open'),
      };
    case 'expired':
      return {
        kind: 'notCompleted',
        title: t('portal.checkout.notCompleted.title'),
        heading: t('portal.checkout.notCompleted.heading'),
        text: t('portal.checkout.notCompleted.expired'),
      };
  }
}
