/** The business (its portal settings) and the slug → business lookup that lets a slug change. */
import * as v from 'valibot';
import { defaultPaymentSettings, defaultTrackingSettings, type Business } from './model';
import { tableDefinition } from '../data/table';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../contract/i18n/languages';
import { PORTAL_SECTIONS, type PortalSection } from '../contract/customer/portal';
import { bizPrefix, epochSeconds, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';

/**
 * The menu as stored before sections (settings `menu`, with a "profile" item), read as sections:
 * Home first, then the menu's items, and Messages, which job pages always had.
 */
const LegacyMenu = v.array(v.picklist(['jobs', 'estimates', 'invoices', 'messages', 'profile']));
const sectionsOfLegacyMenu = (menu: v.InferOutput<typeof LegacyMenu>): PortalSection[] => {
  const sections: PortalSection[] = ['home', ...menu.filter((m): m is Exclude<typeof m, 'profile'> => m !== 'profile')];
  return sections.includes('messages') ? sections : [...sections, 'messages'];
};

const PaymentSettingsItem = v.object({
  stripeAccountId: nullableString,
  chargesEnabled: v.boolean(),
  methods: v.object({ ach: v.boolean(), affirm: v.boolean(), klarna: v.boolean() }),
  partialPayments: v.object({ allowed: v.boolean(), minimumAmount: v.number() }),
  applicationFeeBps: v.number(),
});

const TrackingSettingsItem = v.object({ roadFactor: v.number(), averageSpeedKmh: v.number(), distanceUnit: v.nullable(v.picklist(['mi', 'km'])) });

const BusinessItem = v.object({
  id: v.string(),
  slug: v.string(),
  name: v.string(),
  timeZone: v.string(),
  primaryColor: v.string(),
  logoUrl: nullableString,
  /** Written since sections: what the portal shows, in order. Before: `menu`, read as its sections. */
  sections: v.optional(v.array(v.picklist(PORTAL_SECTIONS))),
  menu: v.optional(LegacyMenu),
  contactPhone: nullableString,
  contactEmail: nullableString,
  /** Businesses written before payments existed have none: the defaults (not connected). */
  payments: v.optional(PaymentSettingsItem, () => ({ ...defaultPaymentSettings })),
  /** Likewise for tracking: the defaults. */
  tracking: v.optional(TrackingSettingsItem, () => ({ ...defaultTrackingSettings })),
  /** And for the language it writes to customers in: English. */
  defaultLanguage: v.optional(v.picklist(LANGUAGES), DEFAULT_LANGUAGE),
  /** And for its own links in the menu: none. */
  links: v.optional(v.array(v.object({ label: v.string(), url: v.string() })), () => []),
  /** And for the services its request form offers: none (only "something else"). */
  services: v.optional(v.array(v.object({ id: v.string(), name: v.string() })), () => []),
  ...versionedEntries,
});

export const businessEntity = {
  type: 'business',
  key: (businessId: string): Key => ({ pk: bizPrefix(businessId), sk: 'PROFILE' }),
  toItem: (b: Business): Item => ({ ...businessEntity.key(b.id), type: businessEntity.type, ...b }),
  fromItem: (item: Item): Business => {
    const { sections, menu, ...business } = parseItem(businessEntity.type, BusinessItem, item);
    return { ...business, sections: sections ?? sectionsOfLegacyMenu(menu ?? ['jobs']) };
  },
};

const SlugItem = v.object({
  slug: v.string(),
  businessId: v.string(),
  /** Set when the business moved to another slug: the old one stays its own until then (rule 58). */
  heldUntil: v.optional(v.string()),
  ...versionedEntries,
});
export type SlugRecord = v.InferOutput<typeof SlugItem>;

/**
 * `SLUG#<slug>` → business id. Claimed with a conditional put, so two businesses never share one.
 * A slug the business left is held (`heldUntil`), and TTL removes the item once the hold is over.
 */
export const slugEntity = {
  type: 'slug',
  key: (slug: string): Key => ({ pk: `SLUG#${slug}`, sk: 'SLUG' }),
  toItem: (s: SlugRecord): Item => ({
    ...slugEntity.key(s.slug),
    type: slugEntity.type,
    ...s,
    ...(s.heldUntil ? { [tableDefinition.ttlAttribute]: epochSeconds(new Date(s.heldUntil)) } : {}),
  }),
  fromItem: (item: Item): SlugRecord => parseItem(slugEntity.type, SlugItem, item),
};
