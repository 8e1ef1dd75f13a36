/**
 * The portal's menu: the sections the business shows, in its order (settings `portal.sections`).
 * Sections whose pages do not exist yet are skipped, so a business can switch one on before its
 * page ships. The business's own
 * links (its website, reviews) follow the sections: plain links out of the portal, said to lead to
 * another site, sending no referrer and no handle on this page (rule 76).
 */
import type { MenuPlace, PortalLink, PortalSection } from '../../../shared/contract/customer/portal';
import { paths } from '../router';
import { Link } from './Link';
import type { MessageKey } from '../../../shared/contract/i18n/keys';
import { t } from '../i18n/current';

const pages: Partial<Record<PortalSection, { label: MessageKey; href: (slug: string) => string }>> = {
  home: { label: 'portal.nav.home', href: (slug) => paths.home(slug) },
  jobs: { label: 'portal.nav.jobs', href: (slug) => paths.jobs(slug) },
  estimates: { label: 'portal.nav.estimates', href: (slug) => paths.estimates(slug) },
  invoices: { label: 'portal.nav.invoices', href: (slug) => paths.invoices(slug) },
  requests: { label: 'portal.nav.requests', href: (slug) => paths.requests(slug) },
  forms: { label: 'portal.nav.forms', href: (slug) => paths.forms(slug) },
};

export function MainNav({ slug, sections, links = [], current }: { slug: string; sections: PortalSection[]; links?: PortalLink[]; current: MenuPlace | null }) {
  const items = sections.flatMap((item) => {
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
