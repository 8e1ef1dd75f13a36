/** "Need help? Contact Acme at (555) 555-0100 or office@acme.example." — the business's own phone and email, as links. */
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { formatPhone } from '../format';

/** `portal`: the portal, or any answer naming the business and its contact (the tracking page's). */
export function BusinessContact({ portal, lead, class: className }: { portal: Pick<PortalInfo, 'name' | 'contact'>; lead: string; class?: string }) {
  const { phone, email } = portal.contact;
  return (
    <p class={className ? `business-contact ${className}` : 'business-contact'}>
      {lead} {portal.name}
      {phone && (
        <>
          {' '}at <a href={`tel:${phone}`}>{formatPhone(phone)}</a>
        </>
      )}
      {email && (
        <>
          {phone ? ' or ' : ' at '}
          <a href={`mailto:${email}`}>{email}</a>
        </>
      )}
      .
    </p>
  );
}
