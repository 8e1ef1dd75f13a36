/** Customers, and the contact (email / phone) → customer lookup that sign-in links start from. */
import * as v from 'valibot';
import type { CustomerWithLink, ContactChannel, Customer } from './model';
import { tableDefinition } from '../data/table';
import { bizPrefix, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { LANGUAGES } from '../contract/i18n/languages';
import { defaultNotificationChoices, NOTICE_CHANNELS, NOTIFICATION_TOPICS, type NotificationChoices } from '../contract/customer/profile';

/** Customers written before languages existed have none: null. */
const LanguageItem = v.optional(v.nullable(v.picklist(LANGUAGES)), null);

/** The customer's newest sign-in link, so a new one retires it and a redelivered request is recognised. */
const PendingLinkItem = v.object({ tokenHash: v.string(), requestId: v.string(), sentAt: v.optional(nullableString, null) });

/** Customers written before choices existed (or who never chose) get every notice. */
const ChoicesItem = v.optional(
  v.object(Object.fromEntries(NOTIFICATION_TOPICS.map((t) => [t, v.optional(v.object(Object.fromEntries(NOTICE_CHANNELS.map((c) => [c, v.optional(v.boolean(), true)]))), {})]))),
  {},
);
const choicesOf = (stored: Record<string, Record<string, boolean> | undefined>): NotificationChoices => {
  const choices = defaultNotificationChoices();
  for (const topic of NOTIFICATION_TOPICS) for (const channel of NOTICE_CHANNELS) choices[topic][channel] = stored[topic]?.[channel] ?? true;
  return choices;
};

const CustomerItem = v.object({
  businessId: v.string(),
  id: v.string(),
  name: v.string(),
  email: nullableString,
  phone: nullableString,
  language: LanguageItem,
  chosenLanguage: LanguageItem,
  browserLanguage: LanguageItem,
  notifications: ChoicesItem,
  pendingLink: v.optional(v.nullable(PendingLinkItem), null),
  ...versionedEntries,
});

const { changesIndex } = tableDefinition;

export const customerEntity = {
  type: 'customer',
  /** The customer's partition: their profile plus one summary item per job. */
  partition: (businessId: string, customerId: string) => `${bizPrefix(businessId)}#CUS#${customerId}`,
  key: (businessId: string, customerId: string): Key => ({ pk: customerEntity.partition(businessId, customerId), sk: 'PROFILE' }),
  /** The "changed since" collection of the business API. */
  changesPartition: (businessId: string) => `${bizPrefix(businessId)}#CUSTOMERS`,
  /**
   * The profile without `pendingLink` and `browserLanguage`: an upsert writes these attributes
   * only (UpdateItem SET), so it can never wipe the server-owned link pointer or what the browser said.
   */
  profileAttributes: (c: Customer): Item => ({
    type: customerEntity.type,
    businessId: c.businessId,
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    language: c.language,
    chosenLanguage: c.chosenLanguage,
    notifications: c.notifications,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    [changesIndex.partitionKey]: customerEntity.changesPartition(c.businessId),
    [changesIndex.sortKey]: `${c.updatedAt}#${c.id}`,
  }),
  fromItem: (item: Item): CustomerWithLink => {
    const parsed = parseItem(customerEntity.type, CustomerItem, item);
    return { ...parsed, notifications: choicesOf(parsed.notifications as Record<string, Record<string, boolean>>) };
  },
};

export const toCustomer = ({ pendingLink: _pending, ...customer }: CustomerWithLink): Customer => customer;

const ContactItem = v.object({ customerId: v.string(), ...versionedEntries });

export const contactEntity = {
  type: 'contact',
  key: (businessId: string, channel: ContactChannel, address: string): Key => ({
    pk: `${bizPrefix(businessId)}#CONTACT#${channel}#${address}`,
    sk: 'CONTACT',
  }),
  fromItem: (item: Item) => parseItem(contactEntity.type, ContactItem, item),
};
