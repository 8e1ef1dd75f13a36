/**
 * The portal's menu, built from the business's `menu` list. Items whose pages do not exist yet
 * are skipped, so a business can switch on "invoices" before the page ships.
 */
import type { MenuItem } from '../../../shared/contract/customer/portal';
import { paths } from '../router';
import { Link } from './Link';

const pages: Partial<Record<MenuItem, { label: string; href: (slug: string) => string }>> = {
  jobs: { label: 'Work history', href: (slug) => paths.jobs(slug) },
  estimates: { label: 'Estimates', href: (slug) => paths.estimates(slug) },
  invoices: { label: 'Invoices', href: (slug) => paths.invoices(slug) },
};

export function MainNav({ slug, menu, current }: { slug: string; menu: MenuItem[]; current: MenuItem | null }) {
  const items = menu.flatMap((item) => {
    const page = pages[item];
    return page ? [{ item, ...page }] : [];
  });
  if (items.length === 0) return null;
  return (
    <nav class="main-nav" aria-label="Portal">
      <ul>
        {items.map(({ item, label, href }) => (
          <li key={item}>
            <Link href={href(slug)} aria-current={item === current ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
