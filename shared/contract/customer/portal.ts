/**
 * The customer API: a portal and who is signed in to it. `GET /api/portals/{slug}` names the
 * business before anyone signs in; `GET /api/me` is the signed-in customer with their portal.
 */
import * as v from 'valibot';
import { Slug } from '../slugs';
import { languageSchema, type Language } from '../i18n/languages';
import type { PaymentMethodsOffered } from './payments';

/**
 * The sections a business may show in its portal, in the menu in its order (settings
 * `portal.sections`). A hidden one is gone from the menu and from Home, and its customer routes
 * answer 404 for that business; links already sent for its documents still open their one document.
 */
export const PORTAL_SECTIONS = ['home', 'jobs', 'estimates', 'invoices', 'messages', 'requests', 'forms'] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number];

/** Where a signed-in page sits: in one of the sections, or in the customer's own account (always there). */
export type MenuPlace = PortalSection | 'account';

/** A link of the business's own in the portal's menu (its website, reviews, a financing page): https only. */
export interface PortalLink {
  label: string;
  url: string;
}

export interface PortalInfo {
  slug: string;
  name: string;
  /** IANA zone, e.g. `America/Chicago`: every time is shown in it. */
  timeZone: string;
  branding: { primaryColor: string; logoUrl: string | null };
  /** The sections it shows, in its menu's order. */
  sections: PortalSection[];
  /** The business's own links, after the menu's sections, in its order (at most five). */
  links: PortalLink[];
  /** What the service request form offers first ("something else" is always there too). */
  services?: { id: string; name: string }[];
  contact: { phone: string | null; email: string | null };
  /**
   * Whether customers can pay online here (the portal shows pay buttons only then), which methods
   * the business offers besides card (`eligibleMethods` in ./payments.ts says which an amount can
   * use), and whether a single invoice may be paid in part.
   */
  payments: { enabled: boolean; methods: PaymentMethodsOffered; partialPayments: { allowed: boolean; minimumAmount: number } };
  /**
   * Only when the address asked for is one this business moved away from (held for it for a
   * while after a rename): its current slug, the same as `slug`. The portal replaces the old
   * slug in its address bar, keeping the rest of the URL (a link's fragment included).
   */
  movedTo?: string;
  /** The language the business writes to customers in when nothing more specific is known. */
  defaultLanguage?: Language;
}

export interface CustomerView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/**
 * What the server knows of a customer's language, for the portal to resolve with the browser's
 * own (shared/contract/i18n/languages.ts `resolveLanguage`): their saved choice, the business's
 * setting for them, and the business's default.
 */
export interface CustomerLanguage {
  chosen?: Language;
  forCustomer?: Language;
  business: Language;
}

export interface MeResponse {
  customer: CustomerView & { language?: CustomerLanguage };
  business: PortalInfo;
}

/**
 * `GET /api/session`: whether this browser is signed in, for pages that must decide before they
 * show anything. "Not signed in" is an answer here (200), not an error, so a signed-out page load
 * logs no failed request; it is the same for no cookie, a forged one and an ended session, and it
 * says nothing else. `GET /api/me` keeps answering 401 without a session.
 */
export type SessionResponse = ({ signedIn: true } & MeResponse) | { signedIn: false };

export const PortalPath = v.strictObject({ slug: Slug });

/**
 * `PUT /api/me/language`: the signed-in customer saves their own choice (null forgets it). The
 * answer is `PutLanguageResponse`: what the server now knows of their language.
 */
export const PutLanguageBody = v.strictObject({ language: v.nullable(languageSchema) });
export type PutLanguageBody = v.InferOutput<typeof PutLanguageBody>;

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerPortalSchemas = {
  getPortal: { path: PortalPath },
  getSession: {},
  putLanguage: { body: PutLanguageBody },
} as const;

/** `PUT /api/me/language`'s answer. */
export interface PutLanguageResponse {
  language: CustomerLanguage;
}
