/** The estimates written for a job, each linking to its page; shown only when there are some. */
import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatPriceRange } from '../../format';
import { paths } from '../../router';
import { Link } from '../Link';
import { StatusBadge } from '../StatusBadge';
import { Section } from './Section';
import { t } from '../../i18n/current';

export function EstimatesSection({ slug, job }: { slug: string; job: JobDetail }) {
  const { estimates } = job;
  if (estimates.length === 0) return null;
  return (
    <Section id="estimates" title={t('portal.job.estimates', { count: estimates.length })}>
      <ul class="plain-list">
        {estimates.map((estimate) => (
          <li key={estimate.id} class="invoice-row">
            <Link href={paths.estimate(slug, estimate.id)}>{t('portal.estimate.numbered', { number: estimate.number })}</Link>
            <StatusBadge status={estimate.status} />
            <span class="num">{formatPriceRange(estimate)}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
