/**
 * The estimates a job came from, each linking to its page; shown only when there are some. The
 * job detail does not carry them yet: when the API adds `estimates: EstimateSummary[]` to it,
 * this shows them, and until then it shows nothing.
 */
import type { EstimateSummary, JobDetail } from '../../../../shared/api/contract';
import { formatPriceRange } from '../../format';
import { paths } from '../../router';
import { Link } from '../Link';
import { StatusBadge } from '../StatusBadge';
import { Section } from './Section';

function estimatesOf(job: JobDetail): EstimateSummary[] {
  const listed = (job as JobDetail & { estimates?: unknown }).estimates;
  return Array.isArray(listed) ? (listed as EstimateSummary[]) : [];
}

export function EstimatesSection({ slug, job }: { slug: string; job: JobDetail }) {
  const estimates = estimatesOf(job);
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
