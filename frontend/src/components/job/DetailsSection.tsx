import type { Address } from '../../../../shared/contract/common';
import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatDate, formatPhone, formatTimeRange } from '../../format';
import { StatusBadge } from '../StatusBadge';
import { Section } from './Section';
import { t } from '../../i18n/current';

function AddressLines({ address }: { address: Address }) {
  return (
    <address>
      {address.line1}
      <br />
      {address.line2 && (
        <>
          {address.line2}
          <br />
        </>
      )}
      {address.city}, {address.region} {address.postalCode}
    </address>
  );
}

export function DetailsSection({ job, timeZone }: { job: JobDetail; timeZone: string }) {
  const { contact } = job;
  return (
    <Section id="details" title={t('portal.job.details.title')}>
      <dl class="details">
        <div>
          <dt>{t('portal.job.details.date')}</dt>
          <dd>
            <time dateTime={job.scheduledStart}>{formatDate(job.scheduledStart, timeZone)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('portal.job.details.arrivalWindow')}</dt>
          <dd>{formatTimeRange(job.arrivalWindow, timeZone)}</dd>
        </div>
        <div>
          <dt>{t('portal.job.details.status')}</dt>
          <dd>
            <StatusBadge status={job.status} />
          </dd>
        </div>
        <div>
          <dt>{t('portal.job.details.scope')}</dt>
          <dd class="prewrap">{job.scopeOfWork || t('portal.job.details.scopeMissing')}</dd>
        </div>
        <div>
          <dt>{t('portal.job.details.address')}</dt>
          <dd>
            <AddressLines address={job.address} />
          </dd>
        </div>
        <div>
          <dt>{t('portal.job.details.contact')}</dt>
          <dd>
            {contact.name}
            {contact.phone && (
              <>
                <br />
                <a href={`tel:${contact.phone}`}>{formatPhone(contact.phone)}</a>
              </>
            )}
            {contact.email && (
              <>
                <br />
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('portal.job.details.technician')}</dt>
          <dd>{job.technician ? job.technician.name : t('portal.job.details.noTechnician')}</dd>
        </div>
      </dl>
    </Section>
  );
}
