/** The estimates written for a job, each linking to its page; shown only when there are some. */
import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatPriceRange } from '../../format';
import { paths } from '../../router';
import { Link } from '../Link';
import { StatusBadge } from '../StatusBadge';
import { Section } from './Section';

export function EstimatesSection({ slug, job }: { slug: string; job: JobDetail }) {
  const { estimates } = job;
  if (estimates.length === 0) return null;
  return (
    <Section id="estimates" title={estimates.length === 1 ? 'Estimate' : 'Estimates'}>
      <ul class="plain-list">
        {estimates.map((estimate) => (
          <li key={estimate.id} class="invoice-row">
            <Link href={paths.estimate(slug, estimate.id)}>Estimate {estimate.number}</Link>
            <StatusBadge status={estimate.status} />
            <span class="num">{formatPriceRange(estimate)}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
