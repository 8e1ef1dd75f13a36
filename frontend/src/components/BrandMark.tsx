/** The business's logo, or its name when there is no logo (or the logo fails to load). */
import { useState } from 'preact/hooks';
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import { t } from '../i18n/current';

/** `portal`: the portal, or any answer naming the business and its branding; `unknown`: what shows when there is none. */
export function BrandMark({ portal, unknown }: { portal: Pick<PortalInfo, 'name' | 'branding'> | null; unknown?: string }) {
  const [logoFailed, setLogoFailed] = useState(false);
  if (!portal) return <span class="brand-name">{unknown ?? t('common.customerPortal')}</span>;
  const logo = portal.branding.logoUrl;
  if (logo && !logoFailed) {
    return <img class="brand-logo" src={logo} alt={portal.name} onError={() => setLogoFailed(true)} />;
  }
  return <span class="brand-name">{portal.name}</span>;
}
