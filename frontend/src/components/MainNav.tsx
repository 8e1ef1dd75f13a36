/**
 * The portal's menu, built from the business's `menu` list. Items whose pages do not exist yet
 * are skipped, so a business can switch on "invoices" before the page ships. The business's own
 * links (its website, reviews) follow the sections: plain links out of the portal, said to lead to
 * another site, sending no referrer and no handle on this page (rule 76).
 */
import type { MenuItem, PortalLink } from '../../../shared/contract/customer/portal';
import { paths } from '../router';
import { Link } from './Link';
import type { MessageKey } from '../../../shared/contract/i18n/keys';
import { t } from '../i18n/current';

const pages: Partial<Record<MenuItem, { label: MessageKey; href: (slug: string) => string }>> = {
  jobs: { label: 'portal.nav.jobs', href: (slug) => paths.jobs(slug) },
  estimates: { label: 'portal.nav.estimates', href: (slug) => paths.estimates(slug) },
  invoices: { label: 'portal.nav.invoices', href: (slug) => paths.invoices(slug) },
  profile: { label: 'portal.nav.profile', href: (slug) => paths.account(slug) },
};

export function MainNav({ slug, menu, links = [], current }: { slug: string; menu: MenuItem[]; links?: PortalLink[]; current: MenuItem | null }) {
  const items = menu.flatMap((item) => {
    const page = pages[item];
    return page ? [{ item, ...page }] : [];
  });
  if (items.length === 0 && links.length === 0) return null;
  return (
    <nav class="main-nav" aria-label={t('portal.nav.label')}>
      {/* On a phone the row scrolls sideways (styles.css): Chrome leaves a link that is partly in view where it is when Tab reaches it, so bring it all in. */}
      <ul onFocusIn={(e) => (e.target as Element).scrollIntoView({ block: 'nearest', inline: 'nearest' })}>
        {items.map(({ item, label, href }) => (
          <li key={item}>
            <Link href={href(slug)} aria-current={item === current ? 'page' : undefined}>
              {t(label)}
            </Link>
          </li>
        ))}
        {links.map((link) => (
          <li key={link.url}>
            <a class="main-nav-out" href={link.url} rel="noopener noreferrer">
              {link.label}
              <span class="visually-hidden"> {t('portal.nav.otherSite')}</span>
              <span aria-hidden="true"> ↗</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
