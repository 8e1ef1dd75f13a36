/** One estimate in the estimate list; the whole card is the link to the estimate. */
import type { EstimateSummary } from '../../../shared/contract/customer/estimates';
import { formatDate, formatPriceRange } from '../format';
import { paths } from '../router';
import { AmountRow } from './AmountRow';
import { Link } from './Link';
import { StatusBadge } from './StatusBadge';
import { t, tx } from '../i18n/current';

export function EstimateCard({ slug, estimate, timeZone }: { slug: string; estimate: EstimateSummary; timeZone: string }) {
  const range = estimate.priceRange.low !== estimate.priceRange.high;
  return (
    <li class="card estimate-card">
      <div class="card-top">
        <h2 class="card-title">
          <Link id={`estimate-${estimate.id}`} class="stretched-link" href={paths.estimate(slug, estimate.id)}>
            {t('portal.estimate.numbered', { number: estimate.number })}
          </Link>
        </h2>
        <StatusBadge status={estimate.status} />
      </div>
      <p class="estimate-card-title">{estimate.title}</p>
      <p class="invoice-dates">
        <span>
          {tx('portal.estimate.sentOn', { date: <time dateTime={estimate.sentAt}>{formatDate(estimate.sentAt, timeZone)}</time> })}
        </span>{' '}
        {(estimate.status === 'sent' || estimate.status === 'expired') && (
          <span class={estimate.status === 'expired' ? 'overdue' : undefined}>
            {tx(estimate.status === 'expired' ? 'portal.estimate.expiredOn' : 'portal.estimate.validUntil', {
              date: <time dateTime={estimate.expiresAt}>{formatDate(estimate.expiresAt, timeZone)}</time>,
            })}
          </span>
        )}
      </p>
      <dl class="amounts">
        <AmountRow label={range ? t('portal.amount.priceRange') : t('portal.amount.total')}>{formatPriceRange(estimate)}</AmountRow>
      </dl>
    </li>
  );
}
