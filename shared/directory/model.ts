import type { PortalLink, PortalSection } from '../contract/customer/portal';
import type { ServiceView } from '../contract/customer/requests';
import type { Language } from '../contract/i18n/languages';
import type { Versioned } from '../kernel/types';
import type { NotificationChoices } from '../contract/customer/profile';

export interface BusinessSettings {
  name: string;
  /** The portal's address: `https://portal.example.com/<slug>/`. Can change; keys never use it. */
  slug: string;
  timeZone: string;
  primaryColor: string;
  logoUrl: string | null;
  /** What its portal shows, in the menu's order (settings `portal.sections`). */
  sections: PortalSection[];
  contactPhone: string | null;
  contactEmail: string | null;
}

export interface Business extends BusinessSettings, Versioned {
  /** Opaque and permanent (`biz_…`): every key holding the business's data starts with it. */
  id: string;
  /** The language it writes to customers in when nothing more specific is known of them. */
  defaultLanguage: Language;
  /** Its own links in the portal's menu (settings `portal.links`): https only, at most five. */
  links: PortalLink[];
  /** What its service request form offers (settings `requests.services`), in order; "something else" is always there. */
  services: ServiceView[];
  payments: PaymentSettings;
  tracking: TrackingSettings;
}

/**
 * How the tracking page estimates arrival without a routing service: the straight-line distance
 * times `roadFactor` (roads are longer than the crow flies), at `averageSpeedKmh`.
 */
export interface TrackingSettings {
  /** Measured urban circuity is about 1.2–1.3 (../shared/design/tracking.md). */
  roadFactor: number;
  averageSpeedKmh: number;
  /** How the page shows distances; null: miles for US and UK time zones, kilometres elsewhere. */
  distanceUnit: 'mi' | 'km' | null;
}

export const defaultTrackingSettings: TrackingSettings = { roadFactor: 1.3, averageSpeedKmh: 40, distanceUnit: null };

/** How a business takes payments in its portal. */
export interface PaymentSettings {
  /** Its Stripe connected account (`acct_…`), once connected; charges are made on it. Server-owned. */
  stripeAccountId: string | null;
  /** Stripe says the account can take charges. Until then the portal shows no pay buttons. Server-owned. */
  chargesEnabled: boolean;
  /** Offered besides card, where Stripe finds them eligible for the amount and currency. */
  methods: { ach: boolean; affirm: boolean; klarna: boolean };
  /** Whether a customer may pay part of one invoice, and the smallest part (minor units). */
  partialPayments: { allowed: boolean; minimumAmount: number };
  /** The platform's application fee on each payment, in basis points (100 = 1 %). Server-owned. */
  applicationFeeBps: number;
}

export const defaultPaymentSettings: PaymentSettings = {
  stripeAccountId: null,
  chargesEnabled: false,
  methods: { ach: true, affirm: false, klarna: false },
  partialPayments: { allowed: false, minimumAmount: 0 },
  applicationFeeBps: 0,
};

export interface CustomerFields {
  name: string;
  /** Lower-cased. */
  email: string | null;
  /** E.164. */
  phone: string | null;
  /** The business's setting for this customer's language (`PUT customers/{id}` `language`); null: none. */
  language: Language | null;
}

export interface Customer extends CustomerFields, Versioned {
  businessId: string;
  /** The business's own id for the customer. */
  id: string;
  /** The customer's own choice (`PUT /api/me/language`); null: they have not chosen. */
  chosenLanguage: Language | null;
  /**
   * The language the customer's browser last asked for (`Accept-Language`) when they opened a
   * sign-in or document link: server-observed, written outside the version (like the sign-in
   * link pointer), so it never conflicts with the business's writes. Messages use it when neither
   * the customer nor the business has said.
   */
  browserLanguage: Language | null;
  /** Which notices the customer wants, by topic and channel (`PATCH /api/me`); the customer's own, like `chosenLanguage`. */
  notifications: NotificationChoices;
}

export type ContactChannel = 'email' | 'sms';

export interface Contact {
  channel: ContactChannel;
  /** Lower-cased email, or an E.164 phone number. */
  address: string;
}

export const contactsOf = (customer: Pick<CustomerFields, 'email' | 'phone'>): Contact[] => [
  ...(customer.email ? [{ channel: 'email' as const, address: customer.email }] : []),
  ...(customer.phone ? [{ channel: 'sms' as const, address: customer.phone }] : []),
];

/** The customer's address on a channel (their email, or their phone for texts), or null when they have none. */
export const addressOn = (customer: Pick<CustomerFields, 'email' | 'phone'>, channel: ContactChannel): string | null => (channel === 'email' ? customer.email : customer.phone);

/** The customer's newest sign-in link, so a new one retires it and a redelivered request is recognised. */
export interface PendingLink {
  tokenHash: string;
  requestId: string;
  sentAt: string | null;
}

/** A customer with their pending sign-in link, as sign-in reads them. */
export interface CustomerWithLink extends Customer {
  pendingLink: PendingLink | null;
}

/**
 * A change of the customer's email or phone, waiting for the new address to prove it is theirs
 * (shared/account/contact-change.ts).
 */
export interface ContactChange {
  /** `chg_…`: names this request, so a newer one on the channel makes it void. */
  id: string;
  businessId: string;
  customerId: string;
  channel: ContactChannel;
  /** The address on the channel when the change was asked for (null: none). A business write that changes it since wins. */
  from: string | null;
  to: string;
  /** The hash of the emailed link's token or the texted code; null until the consumer has minted it. */
  secretHash: string | null;
  /** When the link or code went out; null until then. */
  sentAt: string | null;
  /** Wrong codes or tokens tried so far. */
  attempts: number;
  requestedAt: string;
  expiresAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
