/** The invoices issued for a job, each with its status and what is left to pay; shown only when there are some. */
import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatMoney } from '../../format';
import { paths } from '../../router';
import { Link } from '../Link';
import { StatusBadge } from '../StatusBadge';
import { Section } from './Section';

export function InvoicesSection({ slug, job }: { slug: string; job: JobDetail }) {
  if (job.invoices.length === 0) return null;
  return (
    <Section id="invoices" title="Invoices">
      <ul class="plain-list">
        {job.invoices.map((invoice) => (
          <li key={invoice.id} class="invoice-row">
            <Link href={paths.invoice(slug, invoice.id)}>Invoice {invoice.number}</Link>
            <StatusBadge status={invoice.status} />
            <span class="num">
              Balance {formatMoney({ amount: invoice.balance, currency: invoice.currency })}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
