import type { Business, Contact, ContactChange, Customer, CustomerWithLink } from './model';
import type { OwedSteps } from '../followups/owed';
import type { StorePage, ChangesQuery } from '../kernel/types';
import type { Language } from '../contract/i18n/languages';

export interface DirectoryStore {
  getBusiness(businessId: string): Promise<Business | null>;
  findBusinessIdBySlug(slug: string): Promise<string | null>;
  /** The slug item: whom it points at, and until when it is held after its business moved away (null: not held). */
  findSlug(slug: string): Promise<{ businessId: string; heldUntil: string | null } | null>;
  /** The customer and their business in one round trip (the /api/me read). */
  getCustomerWithBusiness(businessId: string, customerId: string): Promise<{ customer: Customer; business: Business } | null>;
  findCustomerIdByContact(businessId: string, contact: Contact): Promise<string | null>;
  /** Strongly consistent, with the server-owned link pointer. */
  getCustomer(businessId: string, customerId: string): Promise<CustomerWithLink | null>;

  /** Writes the business if `expectedVersion` still holds (null: only if it does not exist yet). */
  putBusiness(business: Business, expectedVersion: number | null): Promise<boolean>;
  /** Claims `slug` for the business; false when another business has it or holds it past `now`. */
  claimSlug(slug: string, businessId: string, now: string): Promise<boolean>;
  /** Keeps a slug the business moved away from as its own until `heldUntil` (if it still points at this business). */
  holdSlug(slug: string, businessId: string, heldUntil: string, now: string): Promise<void>;
  /** Writes the profile attributes only (never `pendingLink`), if `expectedVersion` still holds. */
  putCustomerProfile(customer: Customer, expectedVersion: number | null): Promise<boolean>;
  /**
   * Notes the language the customer's browser asked for, outside the version (server-observed,
   * like the sign-in link pointer). Writes only when it differs and the customer exists; false
   * when there was nothing to write.
   */
  recordBrowserLanguage(businessId: string, customerId: string, language: Language, now: string): Promise<boolean>;
  /** Points `contact` at the customer; false when another customer of the business holds it. */
  claimContact(businessId: string, contact: Contact, customerId: string, now: string): Promise<boolean>;
  /** Deletes the lookup if it still points at this customer. */
  releaseContact(businessId: string, contact: Contact, customerId: string): Promise<void>;
  listCustomersChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<Customer>>;
}

/**
 * What the customer's own profile writes need beyond the directory: their profile with the steps
 * it owes (the follow-up outbox), and their pending changes of address. A store of its own, so
 * the functions that only read customers carry none of it.
 */
export interface ProfileStore {
  /** Writes the profile attributes, and `owed` in the same UpdateItem, if `expectedVersion` still holds. */
  putProfileOwing(customer: Customer, expectedVersion: number, owed: OwedSteps): Promise<boolean>;
  /** Stores a new request for the channel, replacing the one before. */
  putContactChange(change: ContactChange): Promise<void>;
  /** The customer's pending changes (at most one per channel), read consistently. */
  getContactChanges(businessId: string, customerId: string): Promise<ContactChange[]>;
  /** Records the freshly minted secret of the request `id` (false: a newer request replaced it). */
  setContactSecret(change: ContactChange, secretHash: string, now: string): Promise<boolean>;
  /** The link or code of request `id` went out. */
  markContactSent(change: ContactChange, now: string): Promise<void>;
  /** Counts one try of request `id` if fewer than `max` were made; false when it is used up or replaced. */
  countContactAttempt(change: ContactChange, max: number, now: string): Promise<boolean>;
  /** Deletes request `id` (nothing if a newer one replaced it). */
  deleteContactChange(change: ContactChange): Promise<void>;
}
