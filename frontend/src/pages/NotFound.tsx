/** Unknown paths, unknown portals and unknown jobs share one plain message with a way back. */
import type { ComponentChildren } from 'preact';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { paths } from '../router';
import { t } from '../i18n/current';

export function NotFound({ slug, business }: { slug: string | null; business?: string | null }) {
  return (
    <Page title={t('portal.notFound.title')} business={business}>
      <p>{t('portal.notFound.text')}</p>
      {slug && <BackLink href={paths.signIn(slug)}>{t('portal.notFound.back')}</BackLink>}
    </Page>
  );
}

export function PortalNotFound() {
  return (
    <Page title={t('portal.notFound.portal.title')}>
      <p>{t('portal.notFound.portal.text')}</p>
    </Page>
  );
}

export function BackLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <Link class="back-link" href={href}>
        {children}
      </Link>
    </p>
  );
}
