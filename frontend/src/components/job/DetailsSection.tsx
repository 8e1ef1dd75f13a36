import type { Address } from '../../../../shared/contract/common';
import type { JobDetail } from '../../../../shared/contract/customer/jobs';
import { formatDate, formatPhone, formatTimeRange } from '../../format';
import { StatusBadge } from '../StatusBadge';
import { Section } from './Section';

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
    <Section id="details" title="Details">
      <dl class="details">
        <div>
          <dt>Date</dt>
          <dd>
            <time dateTime={job.scheduledStart}>{formatDate(job.scheduledStart, timeZone)}</time>
          </dd>
        </div>
        <div>
          <dt>Arrival window</dt>
          <dd>{formatTimeRange(job.arrivalWindow, timeZone)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={job.status} />
          </dd>
        </div>
        <div>
          <dt>Scope of work</dt>
          <dd class="prewrap">{job.scopeOfWork || 'Not described yet.'}</dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd>
            <AddressLines address={job.address} />
          </dd>
        </div>
        <div>
          <dt>Contact</dt>
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
          <dt>Technician</dt>
          <dd>{job.technician ? job.technician.name : 'Not assigned yet'}</dd>
        </div>
      </dl>
    </Section>
  );
}
