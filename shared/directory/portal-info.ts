import type { PortalInfo } from '../contract/customer/portal';
import { NotFound } from '../kernel/errors';
import type { Business } from './model';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from './port';
import { resolveSlug } from './businesses';
import { paymentsEnabled } from './payments-enabled';
import { shownImageUrl } from '../contract/business/media';

/** What any visitor may know about a business's portal: enough to brand the sign-in page. */
export function toPortalInfo(business: Business): PortalInfo {
  return {
    slug: business.slug,
    name: business.name,
    timeZone: business.timeZone,
    // Only a published /media/ path: an older external URL would be blocked by the CSP (img-src 'self').
    branding: { primaryColor: business.primaryColor, logoUrl: shownImageUrl(business.logoUrl) },
    sections: business.sections,
    links: business.links,
    services: business.services,
    contact: { phone: business.contactPhone, email: business.contactEmail },
    payments: { enabled: paymentsEnabled(business), methods: business.payments.methods, partialPayments: business.payments.partialPayments },
    defaultLanguage: business.defaultLanguage,
  };
}

/**
 * The portal at `slug`. A slug the business moved away from (and still holds) answers with the
 * business at its new address and `movedTo`, which the frontend follows (rule 58).
 */
export async function getPortal(slug: string, deps: { directory: DirectoryStore; clock: Clock }): Promise<PortalInfo> {
  const found = await resolveSlug(slug, deps);
  if (!found) throw new NotFound('There is no customer portal at this address. Check the link you were sent.').saying('problems.portal.not-found');
  return found.movedTo ? { ...toPortalInfo(found.business), movedTo: found.movedTo } : toPortalInfo(found.business);
}
