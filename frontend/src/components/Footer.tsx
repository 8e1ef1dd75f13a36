/** How to reach the business: customers who are stuck should not have to hunt for a number. */
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { formatPhone } from '../format';

export function Footer({ portal }: { portal: PortalInfo | null }) {
  const { phone, email } = portal?.contact ?? { phone: null, email: null };
  if (!portal || (!phone && !email)) return null;
  return (
    <footer class="site-footer">
      <p>
        Questions? Contact {portal.name}
        {phone && (
          <>
            {' '}at <a href={`tel:${phone}`}>{formatPhone(phone)}</a>
          </>
        )}
        {phone && email ? ' or ' : ' '}
        {email && <a href={`mailto:${email}`}>{email}</a>}.
      </p>
    </footer>
  );
}
