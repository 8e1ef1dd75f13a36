/**
 * Creating a business and changing its portal settings. Keys use the opaque id; the slug is a
 * lookup item, so a rename writes three small items and rewrites no data:
 * claim the new slug (conditional), write the business (conditional on its version), hold the
 * old slug. The old slug keeps pointing at the business for `slugHoldMs` (rule 58): links already
 * sent under it open the portal at its new address, never a portal someone else took meanwhile.
 * A crash before the hold leaves the old item pointing at the business with no hold: nobody else
 * can claim it, and the address answers 404 until the business claims it again.
 */
import { checkOwnMediaUrl } from '../media/ownership';
import { readModifyWrite } from '../kernel/read-modify-write';
import { Conflict, InvalidInput, NotFound } from '../kernel/errors';
import { isReservedSlug } from '../contract/slugs';
import { defaultPaymentSettings, defaultTrackingSettings, type Business, type BusinessSettings } from './model';
import type { Clock, Random } from '../kernel/types';
import type { DirectoryStore } from './port';
import { newId } from '../kernel/ids';
import type { PatchSettingsBody } from '../contract/business/settings';
import { DEFAULT_LANGUAGE, type Language } from '../contract/i18n/languages';
import type { PortalSection } from '../contract/customer/portal';

/**
 * How long a slug the business left stays its own: at least as long as any link sent under it
 * lives. Pay links live 30 days, tracking links 12 hours, sign-in links 15 minutes; an estimate
 * link lives until 14 days after its estimate expires, so a year also covers estimates valid for
 * up to about 11 months (businesses.test.ts ties this to the link lifetimes).
 */
export const slugHoldMs = 365 * 24 * 3600_000;

const refuseReserved = (slug: string) => {
  if (isReservedSlug(slug)) throw new InvalidInput([{ field: 'slug', message: 'is reserved for the portal itself: choose another slug' }]);
};

export async function createBusiness(settings: BusinessSettings & { defaultLanguage?: Language; links?: Business['links'] }, deps: { directory: DirectoryStore; clock: Clock; random: Random }): Promise<Business> {
  refuseReserved(settings.slug);
  const now = deps.clock.now().toISOString();
  const business: Business = { defaultLanguage: DEFAULT_LANGUAGE, links: [], services: [], ...settings, payments: defaultPaymentSettings, tracking: defaultTrackingSettings, id: newId('biz', deps), version: 1, createdAt: now, updatedAt: now };
  if (!(await deps.directory.claimSlug(business.slug, business.id, now))) throw new Conflict(`The portal address "${business.slug}" is taken.`);
  await deps.directory.putBusiness(business, null);
  return business;
}

export async function getSettings(businessId: string, deps: { directory: DirectoryStore }): Promise<Business> {
  const business = await deps.directory.getBusiness(businessId);
  if (!business) throw new NotFound('This business no longer exists.');
  return business;
}

export async function updateSettings(businessId: string, patch: PatchSettingsBody, deps: { directory: DirectoryStore; clock: Clock }): Promise<Business> {
  return readModifyWrite<Business, Business>(
    () => getSettings(businessId, deps),
    async (current) => {
      const now = deps.clock.now().toISOString();
      const { payments, tracking, portal, menu, requests, ...plain } = patch;
      checkOwnMediaUrl(businessId, patch.logoUrl, 'logoUrl');
      // The business chooses its methods and partial payments; its Stripe account and fee are the server's.
      const nextPayments = payments
        ? { ...current.payments, methods: { ...current.payments.methods, ...payments.methods }, partialPayments: { ...current.payments.partialPayments, ...payments.partialPayments } }
        : current.payments;
      const next: Business = { ...current, ...plain, sections: sectionsAfter(current.sections, portal?.sections, menu), links: portal?.links ?? current.links, services: requests?.services ?? current.services, payments: nextPayments, tracking: { ...current.tracking, ...tracking }, version: current.version + 1, updatedAt: now };
      const renamed = next.slug !== current.slug;
      if (renamed) refuseReserved(next.slug);
      if (renamed && !(await deps.directory.claimSlug(next.slug, businessId, now))) {
        throw new Conflict(`The portal address "${next.slug}" is taken. Choose another slug.`);
      }
      return {
        write: () => deps.directory.putBusiness(next, current.version), // changed meanwhile: read again
        after: async () => {
          if (renamed) await deps.directory.holdSlug(current.slug, businessId, new Date(deps.clock.now().getTime() + slugHoldMs).toISOString(), now);
          return next;
        },
      };
    },
    () => new Conflict('The settings kept changing while we tried to save them. Please retry.'),
  );
}

/**
 * The sections after a patch: `portal.sections` as given; the deprecated `menu` as the sections
 * after Home, Home kept as it was, and Messages too unless the menu names it (job pages had
 * messages whatever the menu said); "profile" is ignored: the account is always reachable.
 */
function sectionsAfter(current: PortalSection[], sections: PortalSection[] | undefined, menu: PatchSettingsBody['menu']): PortalSection[] {
  if (sections && menu) throw new InvalidInput([{ field: 'menu', message: 'cannot be given with portal.sections, which replaces it' }]);
  if (sections) return sections;
  if (!menu) return current;
  const named = menu.filter((m): m is Exclude<typeof m, 'profile'> => m !== 'profile');
  const keptMessages = current.includes('messages') && !named.includes('messages') ? (['messages'] as const) : [];
  const next: PortalSection[] = [...(current.includes('home') ? (['home'] as const) : []), ...named, ...keptMessages];
  if (next.length === 0) throw new InvalidInput([{ field: 'menu', message: 'must list at least one section besides profile' }]);
  return next;
}

/**
 * Connects the business's Stripe account, or records what Stripe says of it (`account.updated`):
 * whether it can take charges. The demo seed connects Acme's sandbox account the same way.
 */
export async function setStripeAccount(businessId: string, account: { stripeAccountId: string; chargesEnabled: boolean }, deps: { directory: DirectoryStore; clock: Clock }): Promise<Business> {
  return readModifyWrite<Business, Business>(
    () => getSettings(businessId, deps),
    (current) => {
      if (current.payments.stripeAccountId === account.stripeAccountId && current.payments.chargesEnabled === account.chargesEnabled) return { done: current };
      const next: Business = { ...current, payments: { ...current.payments, ...account }, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
      return { write: () => deps.directory.putBusiness(next, current.version), after: () => next };
    },
    () => new Conflict('The settings kept changing while we tried to save them. Please retry.'),
  );
}

/** The business behind a slug, or null: also null for a slug the business has moved away from. */
export async function businessBySlug(slug: string, deps: { directory: DirectoryStore }): Promise<Business | null> {
  const businessId = await deps.directory.findBusinessIdBySlug(slug);
  const business = businessId ? await deps.directory.getBusiness(businessId) : null;
  return business && business.slug === slug ? business : null;
}

/**
 * The business behind a slug, and whether the slug is one it moved away from (still held for it):
 * then `movedTo` is its current slug, for the portal to follow. A slug whose hold ran out, or an
 * item left by a crashed rename, resolves to nothing.
 */
export async function resolveSlug(slug: string, deps: { directory: DirectoryStore; clock: Clock }): Promise<{ business: Business; movedTo: string | null } | null> {
  const found = await deps.directory.findSlug(slug);
  const business = found ? await deps.directory.getBusiness(found.businessId) : null;
  if (!found || !business) return null;
  if (business.slug === slug) return { business, movedTo: null };
  return found.heldUntil && found.heldUntil > deps.clock.now().toISOString() ? { business, movedTo: business.slug } : null;
}
