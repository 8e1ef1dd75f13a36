/**
 * What one option of an estimate holds: its description, lines, subtotal, tax, total and the
 * deposit it would need. Laid out for a narrow column (each option is one column on a wide
 * screen): its lines (LineItems), then its totals.
 */
import type { EstimateOptionView } from '../../../../shared/contract/customer/estimates';
import { formatMoney } from '../../format';
import { AmountRow } from '../AmountRow';
import { LineItems, linesIn } from '../LineItems';
import { t } from '../../i18n/current';

export function OptionDetails({ option, currency }: { option: EstimateOptionView; currency: string }) {
  const money = (amount: number) => formatMoney({ amount, currency });
  return (
    <>
      {option.description && <p class="option-description prewrap">{option.description}</p>}
      <LineItems caption={t('portal.option.caption', { option: option.name })} lines={linesIn(currency, option.lines)} />
      <dl class="totals option-totals">
        <AmountRow label={t('portal.amount.subtotal')}>{money(option.subtotal)}</AmountRow>
        <AmountRow label={t('portal.amount.tax')}>{money(option.taxAmount)}</AmountRow>
        <AmountRow label={t('portal.amount.total')} strong>{money(option.total)}</AmountRow>
        {option.deposit !== null && <AmountRow label={t('portal.option.deposit')}>{money(option.deposit)}</AmountRow>}
      </dl>
    </>
  );
}

/** An option shown, not chosen (a decided or expired estimate): its name as a heading. */
export function OptionCard({ option, currency, flag }: { option: EstimateOptionView; currency: string; flag?: string | null }) {
  const label = flag ?? (option.recommended ? t('portal.option.recommended') : null);
  return (
    <article class={`option-card${option.recommended ? ' option-recommended' : ''}`} aria-labelledby={`option-${option.id}-name`}>
      {label && <p class="option-flag">{label}</p>}
      <h3 id={`option-${option.id}-name`} class="option-name">
        {option.name}
      </h3>
      <OptionDetails option={option} currency={currency} />
    </article>
  );
}
