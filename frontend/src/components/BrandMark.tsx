/** The business's logo, or its name when there is no logo (or the logo fails to load). */
import { useState } from 'preact/hooks';
import type { PortalInfo } from '../../../shared/api/contract';

export function BrandMark({ portal }: { portal: PortalInfo | null }) {
  const [logoFailed, setLogoFailed] = useState(false);
  if (!portal) return <span class="brand-name">Customer portal</span>;
  const logo = portal.branding.logoUrl;
  if (logo && !logoFailed) {
    return <img class="brand-logo" src={logo} alt={portal.name} onError={() => setLogoFailed(true)} />;
  }
  return <span class="brand-name">{portal.name}</span>;
}
