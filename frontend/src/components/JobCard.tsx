/** One job in the work history; the whole card is the link to the job. */
import type { JobSummary } from '../../../shared/contract/customer/jobs';
import { formatMoney, formatVisit } from '../format';
import { paths } from '../router';
import { AmountRow } from './AmountRow';
import { Link } from './Link';
import { StatusBadge } from './StatusBadge';
import { t } from '../i18n/current';

export function JobCard({ slug, job, timeZone }: { slug: string; job: JobSummary; timeZone: string }) {
  return (
    <li class="card job-card">
      <div class="card-top">
        <span class="job-number">{t('portal.job.numbered', { number: job.number })}</span>
        <StatusBadge status={job.status} />
      </div>
      <h2 class="card-title">
        <Link id={`job-${job.id}`} class="stretched-link" href={paths.job(slug, job.id)}>
          {job.title}
        </Link>
      </h2>
      <p class="job-when">
        <time dateTime={job.arrivalWindow.start}>{formatVisit(job.arrivalWindow, timeZone)}</time>
      </p>
      <p class="job-address">{job.addressLine}</p>
      {!!job.unreadMessages && <p class="job-unread">{t('portal.job.unread', { count: job.unreadMessages })}</p>}
      <dl class="amounts">
        <AmountRow label={t('portal.amount.total')}>{formatMoney(job.total)}</AmountRow>
        {/* The job page's words: a job with nothing invoiced yet must not read as "nothing to pay, ever". */}
        {job.notInvoiced.amount > 0 && <AmountRow label={t('portal.job.charges.notInvoiced')}>{formatMoney(job.notInvoiced)}</AmountRow>}
        <AmountRow label={t('portal.amount.balanceDue')}>{formatMoney(job.balance)}</AmountRow>
      </dl>
    </li>
  );
}
