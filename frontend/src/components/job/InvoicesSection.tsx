/** The invoices issued for a job, each with its status and what is left to pay; shown only when there are some. */
import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatMoney } from '../../format';
import { paths } from '../../router';
import { Link } from '../Link';
import { StatusBadge } from '../StatusBadge';
import { Section } from './Section';
import { t } from '../../i18n/current';

export function InvoicesSection({ slug, job }: { slug: string; job: JobDetail }) {
  if (job.invoices.length === 0) return null;
  return (
    <Section id="invoices" title={t('portal.nav.invoices')}>
      <ul class="plain-list">
        {job.invoices.map((invoice) => (
          <li key={invoice.id} class="invoice-row">
            <Link href={paths.invoice(slug, invoice.id)}>{t('portal.invoice.numbered', { number: invoice.number })}</Link>
            <StatusBadge status={invoice.status} />
            <span class="num">
              {t('portal.job.invoiceBalance', { amount: formatMoney({ amount: invoice.balance, currency: invoice.currency }) })}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
