import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatMoney } from '../../format';
import { AmountRow } from '../AmountRow';
import { LineItems } from '../LineItems';
import { PaymentLine } from '../PaymentLine';
import { ProblemMessage } from '../Status';
import { MoreButton } from './MoreButton';
import { Section } from './Section';
import { useSectionPages } from './useSectionPages';
import { t } from '../../i18n/current';

interface Props {
  job: JobDetail;
  timeZone: string;
  onSignedOut: () => void;
}

export function ChargesSection({ job, timeZone, onSignedOut }: Props) {
  const { totals } = job;
  const payments = useSectionPages({ jobId: job.id, section: 'payments', first: job.payments, domId: (p) => `payment-${p.id}`, onSignedOut });
  return (
    <Section id="charges" title={t('portal.job.charges.title')}>
      {job.charges.length === 0 ? (
        <p class="empty-inline">{t('portal.job.charges.none')}</p>
      ) : (
        <LineItems caption={t('portal.charges.title')} lines={job.charges} />
      )}
      <h3>{t('portal.invoice.payments')}</h3>
      {payments.items.length === 0 ? (
        <p class="empty-inline">{t('portal.invoice.noPayments')}</p>
      ) : (
        <ul class="plain-list">
          {payments.items.map((p) => (
            <PaymentLine key={p.id} payment={p} timeZone={timeZone} domId={`payment-${p.id}`} />
          ))}
        </ul>
      )}
      {payments.problem && <ProblemMessage problem={payments.problem} />}
      <MoreButton pages={payments} label={t('portal.job.payments.more')} />
      <dl class="totals">
        <AmountRow label={t('portal.amount.subtotal')}>{formatMoney(totals.subtotal)}</AmountRow>
        <AmountRow label={t('portal.amount.tax')}>{formatMoney(totals.tax)}</AmountRow>
        <AmountRow label={t('portal.amount.total')} strong>{formatMoney(totals.total)}</AmountRow>
        <AmountRow label={t('portal.amount.paid')}>{formatMoney(totals.paid)}</AmountRow>
        {/* Work priced on the job that no invoice asks for yet: not part of the balance due. */}
        {totals.notInvoiced.amount > 0 && <AmountRow label={t('portal.job.charges.notInvoiced')}>{formatMoney(totals.notInvoiced)}</AmountRow>}
        {/* The sum of the job's invoices' balances: the number its invoices and the job list show too. */}
        <AmountRow label={t('portal.amount.balanceDue')} strong>{formatMoney(totals.balance)}</AmountRow>
      </dl>
      <p class="hint totals-hint">{t('portal.job.charges.balanceDueMeaning')}</p>
    </Section>
  );
}
