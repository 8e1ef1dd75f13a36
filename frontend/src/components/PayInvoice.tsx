/**
 * On an invoice's page (signed in, or opened from a pay link), where the business takes payments
 * and something is left to pay: "Pay" for the balance, and where the business allows it, a part
 * of it typed in the currency's major units (dollars), checked here as checkout would before it
 * is sent.
 */
import { useRef, useState } from 'preact/hooks';
import type { InvoiceDetail } from '../../../shared/contract/customer/invoices';
import type { Money } from '../../../shared/contract/money';
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { fieldErrors } from '../api';
import { formatMoney } from '../format';
import { methodsFor, parseAmount, partAmount, waysToPay } from '../payments';
import { type Checkout, useCheckout } from '../useCheckout';
import { BusyButton } from './BusyButton';
import { FinancingOffer } from './FinancingOffer';
import { Section } from './job/Section';
import { FieldError, ProblemMessage } from './Status';
import { t } from '../i18n/current';

interface Props {
  slug: string;
  invoice: InvoiceDetail;
  payments: PortalInfo['payments'];
  /** A pay link's token: the checkout is started with it rather than the session. */
  link?: string | null;
}

export function PayInvoice({ slug, invoice, payments, link = null }: Props) {
  const checkout = useCheckout(slug, link);
  const balance: Money = { amount: invoice.balance, currency: invoice.currency };
  const failed = checkout.failed?.key === 'full' ? checkout.failed.problem : null;
  const rule = payments.partialPayments;
  // Paying part makes sense only when more than the smallest part is left.
  const canPayPart = rule.allowed && invoice.balance > rule.minimumAmount;
  return (
    <div class="no-print">
      <Section id="pay" title={t('portal.pay.title')}>
        <p class="hint">{waysToPay(methodsFor(payments, balance))}</p>
        <BusyButton
          class="button button-primary button-block"
          pending={checkout.pending === 'full'}
          disabled={checkout.pending !== null}
          onClick={() => checkout.pay('full', { invoiceIds: [invoice.id] })}
        >
          {checkout.pending === 'full' ? t('portal.pay.opening') : t('portal.pay.amount', { amount: formatMoney(balance) })}
        </BusyButton>
        {failed && <ProblemMessage problem={failed} />}
        {canPayPart && <PayPart invoice={invoice} balance={balance} payments={payments} checkout={checkout} />}
        <FinancingOffer slug={slug} payments={payments} amount={balance} />
      </Section>
    </div>
  );
}

function PayPart({ invoice, balance, payments, checkout }: { invoice: InvoiceDetail; balance: Money; payments: PortalInfo['payments']; checkout: Checkout }) {
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const rule = payments.partialPayments;
  const money = (amount: number) => formatMoney({ amount, currency: balance.currency });
  const minimum = Math.max(1, Math.min(rule.minimumAmount, balance.amount));
  const typed = parseAmount(text, balance.currency);
  const failed = checkout.failed?.key === 'part' ? checkout.failed.problem : null;
  // A refused amount is shown at the field; any other refusal under it.
  const otherProblem = failed && !(failed.status === 400 && fieldErrors(failed).amount) ? failed : null;

  async function submit(e: Event) {
    e.preventDefault();
    const part = partAmount(text, balance, rule);
    if (!part.ok) {
      setFieldError(part.message);
      input.current?.focus();
      return;
    }
    setFieldError(null);
    const problem = await checkout.pay('part', { invoiceIds: [invoice.id], amount: part.amount });
    // The API's own word on the amount, when it refuses one this page let through.
    const refused = problem?.status === 400 ? fieldErrors(problem).amount : undefined;
    if (refused) {
      setFieldError(t('portal.pay.part.refused', { reason: refused }));
      input.current?.focus();
    }
  }

  const describedBy = ['pay-amount-hint', fieldError ? 'pay-amount-error' : ''].filter(Boolean).join(' ');
  return (
    <details class="pay-part">
      <summary>{t('portal.pay.part.summary')}</summary>
      <form class="field" noValidate onSubmit={submit}>
        <label for="pay-amount">{t('portal.pay.part.label', { currency: balance.currency })}</label>
        <p id="pay-amount-hint" class="hint">
          {t('portal.pay.part.hint', { minimum: money(minimum), maximum: money(balance.amount) })}
        </p>
        <input
          ref={input}
          id="pay-amount"
          name="amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            if (fieldError) setFieldError(null);
          }}
          aria-invalid={fieldError ? 'true' : undefined}
          aria-describedby={describedBy}
        />
        <FieldError id="pay-amount-error" error={fieldError} />
        {typed.ok && typed.amount >= minimum && typed.amount <= balance.amount && (
          <p class="hint">{waysToPay(methodsFor(payments, { amount: typed.amount, currency: balance.currency }))}</p>
        )}
        {otherProblem && <ProblemMessage problem={otherProblem} />}
        <BusyButton type="submit" class="button button-secondary pay-part-send" pending={checkout.pending === 'part'} disabled={checkout.pending !== null}>
          {checkout.pending === 'part' ? t('portal.pay.opening') : t('portal.pay.part.send')}
        </BusyButton>
      </form>
    </details>
  );
}
