/** Pages before sign-in: the business's name and colours, nothing else. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { applyBrand } from '../brand';
import { BrandMark } from '../components/BrandMark';
import { usePortal } from '../usePortal';
import { Shell } from './Shell';

export function PublicLayout({ slug, children }: { slug: string | null; children: ComponentChildren }) {
  const [portal] = usePortal(slug);
  const info = portal.status === 'ok' ? portal.data : null;
  useEffect(() => applyBrand(info?.branding.primaryColor), [info]);
  return (
    <Shell portal={info} header={<BrandMark portal={info} />}>
      {children}
    </Shell>
  );
}
