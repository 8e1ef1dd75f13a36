/** How to reach the business: customers who are stuck should not have to hunt for a number. */
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { t } from '../i18n/current';
import { ContactLine } from './BusinessContact';

export function Footer({ portal }: { portal: PortalInfo | null }) {
  const { phone, email } = portal?.contact ?? { phone: null, email: null };
  if (!portal || (!phone && !email)) return null;
  return (
    <footer class="site-footer">
      <p>
        <ContactLine lead={t('common.contact.questions')} name={portal.name} phone={phone} email={email} />
      </p>
    </footer>
  );
}
