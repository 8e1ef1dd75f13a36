/** The business API: the portal's settings (`GET`/`PATCH settings`) and connecting Stripe. */
import * as v from 'valibot';
import { ClaimableSlug } from '../slugs';
import { singleLineText as text, wellFormed } from '../text';
import { Amount, ExternalId, HttpsUrl, NullableEmail, NullablePhone } from './common';
import { MediaUrl } from './media';
import { LANGUAGES, languageSchema, type Language } from '../i18n/languages';
import { PORTAL_SECTIONS, type PortalLink, type PortalSection } from '../customer/portal';

/** Most links a portal's menu shows beside its sections: a menu, not a page of links. */
export const maxPortalLinks = 5;

/** Most services a request form lists: a choice, not a catalogue. */
export const maxServices = 30;

/**
 * The business API's budgets, each counted per business (all its keys together) in fixed windows
 * of a minute: `positions` is `PUT jobs/{jobId}/tracking/position`, `requests` is every other call.
 */
export const API_BUDGETS = ['requests', 'positions'] as const;
export type ApiBudget = (typeof API_BUDGETS)[number];

/** The routes (by name, shared/routes/business.ts) whose calls count in `positions`; every other in `requests`. */
export const positionRouteNames: readonly string[] = ['trackingUpdate'];

/**
 * A business's limits until the portal's operator sets its own (`npm run admin -- set-limits`):
 * 600 calls a minute (a sync loop, a back office), and positions for about 100 technicians
 * reporting every 3 seconds (100 × 20 a minute).
 */
export const defaultApiLimits = { requestsPerMinute: 600, positionsPerMinute: 2000 } as const;

/** One of the business's own links in the menu: a short label, and an https address. */
export const PortalLinkBody = v.strictObject({
  label: text(40, 'label'),
  url: HttpsUrl,
});

export const PatchSettingsBody = v.pipe(
  v.strictObject({
    name: v.optional(text(120, 'name')),
    slug: v.optional(ClaimableSlug),
    timeZone: v.optional(v.pipe(v.string('must be a string'), v.check((tz) => isTimeZone(tz), 'must be an IANA time zone like America/Chicago'))),
    primaryColor: v.optional(v.pipe(v.string('must be a string'), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0b5cad'))),
    /** The `url` POST media/{id}/complete answered for the logo (or null for none): served from the portal's own origin. */
    logoUrl: v.optional(v.nullable(MediaUrl)),
    contactPhone: v.optional(NullablePhone),
    contactEmail: v.optional(NullableEmail),
    payments: v.optional(
      v.strictObject({
        methods: v.optional(v.strictObject({ ach: v.optional(v.boolean('must be true or false')), affirm: v.optional(v.boolean('must be true or false')), klarna: v.optional(v.boolean('must be true or false')) })),
        partialPayments: v.optional(v.strictObject({ allowed: v.optional(v.boolean('must be true or false')), minimumAmount: v.optional(Amount) })),
      }),
    ),
    tracking: v.optional(
      v.strictObject({
        roadFactor: v.optional(v.pipe(v.number('must be a number'), v.minValue(1, 'must be at least 1 (roads are never shorter than a straight line)'), v.maxValue(3, 'must be at most 3'))),
        averageSpeedKmh: v.optional(v.pipe(v.number('must be a number'), v.minValue(5, 'must be at least 5 km/h'), v.maxValue(130, 'must be at most 130 km/h'))),
        distanceUnit: v.optional(v.nullable(v.picklist(['mi', 'km'], 'must be mi, km or null (by the time zone)'))),
      }),
    ),
    defaultLanguage: v.optional(
      v.pipe(
        languageSchema,
        v.description(`The language the portal, emails and texts use for a customer when nothing more specific is known of them: one of ${LANGUAGES.join(', ')} (ISO 639-1). Default: en.`),
      ),
    ),
    menu: v.optional(
      v.pipe(
        v.array(v.picklist(['jobs', 'estimates', 'invoices', 'messages', 'profile'], 'must be one of jobs, estimates, invoices, messages, profile')),
        v.minLength(1, 'must list at least one item'),
        v.check((m) => new Set(m).size === m.length, 'must not repeat an item'),
        v.description('Deprecated: use `portal.sections`. The sections after Home, in order ("profile" is ignored: the customer\'s account is always reachable); Home stays as it was.'),
      ),
    ),
    portal: v.optional(
      v.strictObject({
        sections: v.optional(
          v.pipe(
            v.array(v.picklist(PORTAL_SECTIONS, `must be one of ${PORTAL_SECTIONS.join(', ')}`), 'must be a list'),
            v.minLength(1, 'must list at least one section'),
            v.check((s) => new Set(s).size === s.length, 'must not repeat a section'),
            v.description(
              `What the portal shows, in its menu's order: any of ${PORTAL_SECTIONS.join(', ')}. A section left out is gone from the menu and from Home, and its customer routes answer 404; links already sent for its documents still open their one document. The customer's own account is always there.`,
            ),
          ),
        ),
        links: v.optional(
          v.pipe(
            v.array(PortalLinkBody, 'must be a list'),
            v.maxLength(maxPortalLinks, `must list at most ${maxPortalLinks} links`),
            v.check((links) => new Set(links.map((l) => l.url)).size === links.length, 'must not repeat a URL'),
            v.description(`Links of the business's own (its website, reviews, a financing page) shown in the portal's menu after its sections, in this order: at most ${maxPortalLinks}, https only. An empty list removes them.`),
          ),
        ),
      }),
    ),
    requests: v.optional(
      v.strictObject({
        services: v.optional(
          v.pipe(
            v.array(v.strictObject({ id: ExternalId, name: text(80, 'name') }), 'must be a list'),
            v.maxLength(maxServices, `must list at most ${maxServices} services`),
            v.check((services) => new Set(services.map((s) => s.id)).size === services.length, 'must not repeat a service id'),
            v.description(`The services the request form offers, in order (at most ${maxServices}); "something else" is always offered too. A request keeps the name it was sent with. An empty list leaves only "something else".`),
          ),
        ),
      }),
    ),
  }),
  v.check((patch) => Object.keys(patch).length > 0, 'must change at least one setting'),
);
export type PatchSettingsBody = v.InferOutput<typeof PatchSettingsBody>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz);
  } catch {
    return false;
  }
}

const RedirectUrl = v.pipe(v.string('must be a string'), wellFormed(), v.maxLength(2000, 'must be at most 2000 characters'), v.url('must be a URL'), v.regex(/^https?:\/\//, 'must be an http or https URL'));

/** Where Stripe sends the business's people after onboarding (`returnUrl`), or when the link is stale (`refreshUrl`). */
export const StripeOnboardingBody = v.strictObject({ returnUrl: RedirectUrl, refreshUrl: RedirectUrl });

export interface SettingsView {
  id: string;
  name: string;
  slug: string;
  portalUrl: string;
  timeZone: string;
  primaryColor: string;
  logoUrl: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  /** Deprecated: the same as `portal.sections`. */
  menu: PortalSection[];
  portal: { sections: PortalSection[]; links: PortalLink[] };
  /** What the service request form offers, in order ("something else" is always offered too). */
  requests: { services: { id: string; name: string }[] };
  /** The language customers get when neither they nor the business (for them) chose one, nor their browser says. */
  defaultLanguage: Language;
  payments: {
    /** Stripe connected and able to take charges: the portal shows pay buttons. */
    enabled: boolean;
    stripeAccountId: string | null;
    methods: { ach: boolean; affirm: boolean; klarna: boolean };
    partialPayments: { allowed: boolean; minimumAmount: number };
  };
  /** How the tracking page estimates arrival, and its distance unit (null: by the time zone). */
  tracking: { roadFactor: number; averageSpeedKmh: number; distanceUnit: 'mi' | 'km' | null };
  /**
   * Read-only: how many calls a minute this business's keys may make together, per budget
   * (`positionsPerMinute`: `PUT jobs/{jobId}/tracking/position`; `requestsPerMinute`: every other
   * call). Defaults 600 and 2000; the portal's operator sets others on request (PATCH settings
   * cannot). Past one, its calls get 429 naming the budget until the minute is over.
   */
  apiLimits: { requestsPerMinute: number; positionsPerMinute: number; windowSeconds: number };
  version: number;
  updatedAt: string;
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessSettingsSchemas = {
  getSettings: {},
  patchSettings: { body: PatchSettingsBody },
  startStripeOnboarding: { body: StripeOnboardingBody },
} as const;
