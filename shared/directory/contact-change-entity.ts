/**
 * A change of email or phone the customer asked for and has not confirmed yet: one item per
 * channel in the customer's partition (a new request replaces the one before). The secret that
 * confirms it (a link's token, or a texted code) is minted by the notifications consumer, which
 * sends it; only its hash is stored, so it is never in a queue message, a log or the table.
 */
import * as v from 'valibot';
import { epochSeconds, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { tableDefinition } from '../data/table';
import { customerEntity } from './customer-entity';
import type { ContactChange } from './model';

const ContactChangeItem = v.object({
  id: v.string(),
  businessId: v.string(),
  customerId: v.string(),
  channel: v.picklist(['email', 'sms']),
  from: nullableString,
  to: v.string(),
  secretHash: v.optional(nullableString, null),
  sentAt: v.optional(nullableString, null),
  attempts: v.number(),
  requestedAt: v.string(),
  expiresAt: v.string(),
  ...versionedEntries,
});

export const contactChangeEntity = {
  type: 'contact-change',
  key: (businessId: string, customerId: string, channel: ContactChange['channel']): Key => ({ pk: customerEntity.partition(businessId, customerId), sk: `CONTACTCHANGE#${channel}` }),
  toItem: (c: ContactChange): Item => ({
    ...contactChangeEntity.key(c.businessId, c.customerId, c.channel),
    type: contactChangeEntity.type,
    ...c,
    [tableDefinition.ttlAttribute]: epochSeconds(c.expiresAt),
  }),
  fromItem: (item: Item): ContactChange => parseItem(contactChangeEntity.type, ContactChangeItem, item),
};
