/** "Need help? Contact Acme at (555) 555-0100 or office@acme.example." — the business's own phone and email, as links. */
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { formatPhone } from '../format';
import { t, tx } from '../i18n/current';

/** `portal`: the portal, or any answer naming the business and its contact (the tracking page's). */
/** "{lead} Acme at (555) 555-0100 or office@acme.example.": the phone and email as links, in the page's language. */
export function ContactLine({ lead, name, phone, email }: { lead: string; name: string; phone: string | null; email: string | null }) {
  const tel = phone ? <a href={`tel:${phone}`}>{formatPhone(phone)}</a> : null;
  const mail = email ? <a href={`mailto:${email}`}>{email}</a> : null;
  if (tel && mail) return <>{tx('common.contact.phoneAndEmail', { lead, business: name, phone: tel, email: mail })}</>;
  if (tel) return <>{tx('common.contact.phone', { lead, business: name, phone: tel })}</>;
  if (mail) return <>{tx('common.contact.email', { lead, business: name, email: mail })}</>;
  return <>{t('common.contact.nameOnly', { lead, business: name })}</>;
}

export function BusinessContact({ portal, lead, class: className }: { portal: Pick<PortalInfo, 'name' | 'contact'>; lead: string; class?: string }) {
  const { phone, email } = portal.contact;
  return (
    <p class={className ? `business-contact ${className}` : 'business-contact'}>
      <ContactLine lead={lead} name={portal.name} phone={phone} email={email} />
    </p>
  );
}
