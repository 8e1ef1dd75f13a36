import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatMoney } from '../../format';
import { AmountRow } from '../AmountRow';
import { PaymentLine } from '../PaymentLine';
import { ProblemMessage } from '../Status';
import { MoreButton } from './MoreButton';
import { Section } from './Section';
import { useSectionPages } from './useSectionPages';

interface Props {
  job: JobDetail;
  timeZone: string;
  onSignedOut: () => void;
}

export function ChargesSection({ job, timeZone, onSignedOut }: Props) {
  const { totals } = job;
  const payments = useSectionPages({ jobId: job.id, section: 'payments', first: job.payments, domId: (p) => `payment-${p.id}`, onSignedOut });
  return (
    <Section id="charges" title="Charges & payments">
      {job.charges.length === 0 ? (
        <p class="empty-inline">No charges yet.</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Charges</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" class="num">Qty</th>
              <th scope="col" class="num">Unit</th>
              <th scope="col" class="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {job.charges.map((c) => (
              <tr key={c.id}>
                <td class="wrap">{c.description}</td>
                <td class="num">{c.quantity}</td>
                <td class="num">{formatMoney(c.unitPrice)}</td>
                <td class="num">{formatMoney(c.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Payments</h3>
      {payments.items.length === 0 ? (
        <p class="empty-inline">No payments yet.</p>
      ) : (
        <ul class="plain-list">
          {payments.items.map((p) => (
            <PaymentLine key={p.id} payment={p} timeZone={timeZone} domId={`payment-${p.id}`} />
          ))}
        </ul>
      )}
      {payments.problem && <ProblemMessage problem={payments.problem} />}
      <MoreButton pages={payments} label="Show more payments" />
      <dl class="totals">
        <AmountRow label="Subtotal">{formatMoney(totals.subtotal)}</AmountRow>
        <AmountRow label="Tax">{formatMoney(totals.tax)}</AmountRow>
        <AmountRow label="Total" strong>{formatMoney(totals.total)}</AmountRow>
        <AmountRow label="Paid">{formatMoney(totals.paid)}</AmountRow>
        <AmountRow label="Balance due" strong>{formatMoney(totals.balance)}</AmountRow>
      </dl>
    </Section>
  );
}
