/** Unknown paths, unknown portals and unknown jobs share one plain message with a way back. */
import type { ComponentChildren } from 'preact';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { paths } from '../router';

export function NotFound({ slug, business }: { slug: string | null; business?: string | null }) {
  return (
    <Page title="Page not found" business={business}>
      <p>There is no page at this address. Check the link, or start again from the portal's front page.</p>
      {slug && <BackLink href={paths.signIn(slug)}>Go to the portal's front page</BackLink>}
    </Page>
  );
}

export function PortalNotFound() {
  return (
    <Page title="Portal not found">
      <p>
        We couldn't find this customer portal. The link may be mistyped or out of date. Open the latest link from your
        service company, or ask them for a new one.
      </p>
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
