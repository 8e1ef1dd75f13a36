/**
 * Customers, written by the business (`PUT customers/{id}`). Each email and phone has a lookup
 * item pointing at its customer (sign-in links start from it). Without transactions the order
 * keeps the model true whatever crashes:
 * 1. claim the new contacts (conditional: free, or already ours) — a clash is a 409, and the
 *    contacts this attempt claimed before it are given back;
 * 2. write the profile (conditional on the version read; only profile attributes, never the
 *    server-owned sign-in link pointer);
 * 3. release the contacts the customer no longer has (conditional: still ours).
 * A crash after 1 leaves a lookup for an address the customer does not have; after 2, one for an
 * address they no longer have. Neither can get a link: issuing a link checks the customer's
 * current address, not just the lookup. A later claim of such an address finds the holder no
 * longer has it and takes it over.
 */
import { readModifyWrite } from '../kernel/read-modify-write';
import { Conflict, NotFound } from '../kernel/errors';
import { contactsOf, type Contact, type Customer, type CustomerFields } from './model';
import type { Clock } from '../kernel/types';
import type { CustomerWithLink } from './model';
import type { DirectoryStore } from './port';
import { toCustomer } from './customer-entity';
import { defaultNotificationChoices } from '../contract/customer/profile';

const sameContact = (a: Contact, b: Contact) => a.channel === b.channel && a.address === b.address;

/** What `PUT customers/{id}` writes; `language` left out keeps the one set before (null clears it). */
export type CustomerInput = Omit<CustomerFields, 'language'> & { language?: CustomerFields['language'] | undefined };

export async function upsertCustomer(
  businessId: string,
  customerId: string,
  input: CustomerInput,
  deps: { directory: DirectoryStore; clock: Clock },
): Promise<{ customer: Customer; created: boolean }> {
  return readModifyWrite<CustomerWithLink | null, { customer: Customer; created: boolean }>(
    () => deps.directory.getCustomer(businessId, customerId),
    async (stored) => {
      const existing = stored ? toCustomer(stored) : null;
      // An integration that predates `language` (or does not manage it) leaves it as it was.
      const fields: CustomerFields = { name: input.name, email: input.email, phone: input.phone, language: input.language === undefined ? (existing?.language ?? null) : input.language };
      if (existing && existing.name === fields.name && existing.email === fields.email && existing.phone === fields.phone && existing.language === fields.language) {
        return { done: { customer: existing, created: false } }; // nothing changed: keep updatedAt, so syncs see no change
      }
      const now = deps.clock.now().toISOString();
      // The customer's own choice and what their browser said are theirs, not the business's: kept.
      const next: Customer = {
        ...fields,
        chosenLanguage: existing?.chosenLanguage ?? null,
        browserLanguage: existing?.browserLanguage ?? null,
        notifications: existing?.notifications ?? defaultNotificationChoices(),
        businessId,
        id: customerId,
        version: (existing?.version ?? 0) + 1,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      const before = existing ? contactsOf(existing) : [];
      const wanted = contactsOf(next);

      const added = wanted.filter((c) => !before.some((b) => sameContact(b, c)));
      const claimed: Contact[] = [];
      const giveBack = async () => {
        for (const contact of claimed) await deps.directory.releaseContact(businessId, contact, customerId);
      };
      try {
        for (const contact of added) {
          await claimContact(businessId, contact, customerId, now, deps, (holderId) => {
            const what = contact.channel === 'email' ? 'email address' : 'phone number';
            return new Conflict(`This ${what} belongs to another customer of this business (${holderId}). Change that customer first.`);
          });
          claimed.push(contact);
        }
      } catch (error) {
        // A 409 writes nothing: give back what this attempt claimed before the clash.
        await giveBack();
        throw error;
      }
      return {
        write: () => deps.directory.putCustomerProfile(next, existing?.version ?? null),
        // Changed meanwhile: give back this attempt's claims (the next attempt claims what it needs).
        lost: giveBack,
        after: async () => {
          for (const contact of before.filter((b) => !wanted.some((c) => sameContact(b, c)))) {
            await deps.directory.releaseContact(businessId, contact, customerId);
          }
          return { customer: next, created: !existing };
        },
      };
    },
    () => new Conflict('This customer kept changing while we tried to save it. Please retry.'),
  );
}

/**
 * Points the contact's lookup at the customer (sign-in starts from it). A lookup whose customer no
 * longer has the address (left by a crash) is taken over; one whose customer still has it is
 * `taken` (the business hears whose; a customer is never told).
 */
export async function claimContact(businessId: string, contact: Contact, customerId: string, now: string, deps: { directory: DirectoryStore }, taken: (holderId: string) => Error) {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await deps.directory.claimContact(businessId, contact, customerId, now)) return;
    const holderId = await deps.directory.findCustomerIdByContact(businessId, contact);
    if (!holderId) continue; // released meanwhile: claim again
    const holder = await deps.directory.getCustomer(businessId, holderId);
    const stillHeld = holder && contactsOf(holder).some((c) => sameContact(c, contact));
    if (stillHeld) throw taken(holderId);
    // A lookup left behind by a crash: its customer no longer has the address. Take it over.
    await deps.directory.releaseContact(businessId, contact, holderId);
  }
  throw new Conflict('This contact kept changing while we tried to save it. Please retry.');
}

export async function getCustomer(businessId: string, customerId: string, deps: { directory: DirectoryStore }): Promise<Customer> {
  const stored = await deps.directory.getCustomer(businessId, customerId);
  if (!stored) throw new NotFound(`There is no customer ${customerId}.`);
  return toCustomer(stored);
}
