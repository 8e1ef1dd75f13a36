/** Items addressed by a secret's hash or a counter name: sign-in links, sessions, rate-limit counters (API keys: shared/business-api/entity.ts). */
import * as v from 'valibot';
import type { Session, SignInLink } from './model';
import { tableDefinition } from '../data/table';
import { customerEntity } from '../directory/customer-entity';
import { SentToItem } from '../links/entity';
import { bizPrefix, epochSeconds, nullableString, parseItem, type Item, type Key } from '../data/entity';

const LinkItem = v.object({
  tokenHash: v.string(),
  businessId: v.string(),
  customerId: v.string(),
  issuedAt: v.string(),
  expiresAt: v.string(),
  returnPage: v.optional(nullableString, null),
  sentTo: v.optional(v.nullable(SentToItem), null),
});

export const signInLinkEntity = {
  type: 'signInLink',
  key: (tokenHash: string): Key => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' }),
  toItem: (link: SignInLink): Item => ({
    ...signInLinkEntity.key(link.tokenHash),
    type: signInLinkEntity.type,
    ...link,
    version: 1,
    updatedAt: link.issuedAt,
    [tableDefinition.ttlAttribute]: epochSeconds(link.expiresAt),
  }),
  fromItem: (item: Item): SignInLink => parseItem(signInLinkEntity.type, LinkItem, item),
};

const SessionItem = v.object({
  idHash: v.string(),
  businessId: v.string(),
  customerId: v.string(),
  createdAt: v.string(),
  lastSeenAt: v.string(),
  absoluteExpiresAt: v.string(),
  // Sessions started before the list of devices existed said nothing of either.
  userAgent: v.optional(nullableString, null),
  signedInWith: v.optional(v.picklist(['link', 'password']), 'link'),
});

export const sessionEntity = {
  type: 'session',
  key: (idHash: string): Key => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' }),
  toItem: (s: Session): Item => ({
    ...sessionEntity.key(s.idHash),
    type: sessionEntity.type,
    ...s,
    version: 1,
    updatedAt: s.createdAt,
    [tableDefinition.ttlAttribute]: epochSeconds(s.absoluteExpiresAt),
  }),
  fromItem: (item: Item): Session => parseItem(sessionEntity.type, SessionItem, item),
};

const SessionPointerItem = v.object({ idHash: v.string() });

/**
 * The customer's list of their sessions: one pointer per session in the customer's partition, so
 * "where am I signed in" and "sign out everywhere else" are one consistent Query. Written before
 * its session (a crash between leaves a pointer to nothing, which the list skips), so no session
 * ever exists that the list cannot reach; gone by TTL with its session.
 */
export const sessionPointerEntity = {
  type: 'sessionPointer',
  prefix: 'SESSION#',
  key: (businessId: string, customerId: string, publicId: string): Key => ({ pk: customerEntity.partition(businessId, customerId), sk: `SESSION#${publicId}` }),
  toItem: (s: Session, publicId: string): Item => ({
    ...sessionPointerEntity.key(s.businessId, s.customerId, publicId),
    type: sessionPointerEntity.type,
    idHash: s.idHash,
    version: 1,
    createdAt: s.createdAt,
    updatedAt: s.createdAt,
    [tableDefinition.ttlAttribute]: epochSeconds(s.absoluteExpiresAt),
  }),
  fromItem: (item: Item): string => parseItem(sessionPointerEntity.type, SessionPointerItem, item).idHash,
};

export const rateLimitEntity = {
  type: 'rateLimit',
  key: (counter: string, windowStart: Date): Key => ({ pk: `RATE#${counter}#${windowStart.toISOString()}`, sk: 'RATE' }),
};
