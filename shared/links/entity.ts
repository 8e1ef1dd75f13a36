/**
 * Links that open one object with no sign-in: an invoice (pay link), an estimate, or a
 * technician's visit to a job (tracking link). Each kind is stored under its token's hash in its
 * own key space (`PAYLINK#`, `ESTLINK#`, `TRACKLINK#`, `FORMLINK#`), apart from
 * sign-in links (`LINK#`): a token of one kind can never be used as another, whatever it is
 * posted to. A pointer in the object's partition lists its links, so the business can revoke
 * them, and records the send requests already handled.
 */
import * as v from 'valibot';
import type { LiveLink, ObjectLink, ObjectLinkKind } from './model';
import { tableDefinition } from '../data/table';
import { epochSeconds, nullableString, parseItem, type Item, type Key } from '../data/entity';
import { customerEntity } from '../directory/customer-entity';
import { invoiceEntity } from '../invoices/entity';
import { estimateEntity } from '../estimates/entity';
import { jobEntity } from '../jobs/entity';
import { sentFormEntity } from '../forms/entity';

/** Where a link was sent, masked (links sent before the list of live links existed have none). */
export const SentToItem = v.object({ channel: v.picklist(['email', 'sms']), address: v.string() });
const OpensItem = v.object({ number: nullableString, title: nullableString });

const ObjectLinkItem = v.object({
  kind: v.picklist(['invoice', 'estimate', 'tracking', 'form']),
  tokenHash: v.string(),
  businessId: v.string(),
  customerId: v.string(),
  objectId: v.string(),
  issuedAt: v.string(),
  expiresAt: v.string(),
  sentTo: v.optional(v.nullable(SentToItem), null),
  opens: v.optional(v.nullable(OpensItem), null),
});

const keyPrefix: Record<ObjectLinkKind, string> = { invoice: 'PAYLINK#', estimate: 'ESTLINK#', tracking: 'TRACKLINK#', form: 'FORMLINK#' };
/** The partition of the object a link opens: its pointers live there. */
const objectPartition: Record<ObjectLinkKind, (businessId: string, objectId: string) => string> = {
  invoice: invoiceEntity.partition,
  estimate: estimateEntity.partition,
  // A tracking link opens the job's current visit: its pointers live with the job.
  tracking: jobEntity.partition,
  // A form link opens one sent form: its pointers live with it.
  form: sentFormEntity.partition,
};

export const objectLinkEntity = {
  type: 'objectLink',
  kinds: Object.keys(keyPrefix) as ObjectLinkKind[],
  key: (kind: ObjectLinkKind, tokenHash: string): Key => ({ pk: `${keyPrefix[kind]}${tokenHash}`, sk: 'LINK' }),
  toItem: (link: ObjectLink): Item => ({
    ...objectLinkEntity.key(link.kind, link.tokenHash),
    type: objectLinkEntity.type,
    ...link,
    version: 1,
    createdAt: link.issuedAt,
    updatedAt: link.issuedAt,
    [tableDefinition.ttlAttribute]: epochSeconds(link.expiresAt),
  }),
  fromItem: (item: Item): ObjectLink => parseItem(objectLinkEntity.type, ObjectLinkItem, item),
};

const ObjectLinkRefItem = v.object({ tokenHash: v.string() });

/** The object's list of its links (for revoking). */
export const objectLinkRefEntity = {
  type: 'objectLinkRef',
  prefix: 'LINK#',
  key: (kind: ObjectLinkKind, businessId: string, objectId: string, tokenHash: string): Key => ({ pk: objectPartition[kind](businessId, objectId), sk: `LINK#${tokenHash}` }),
  partition: (kind: ObjectLinkKind, businessId: string, objectId: string) => objectPartition[kind](businessId, objectId),
  toItem: (link: ObjectLink): Item => ({
    ...objectLinkRefEntity.key(link.kind, link.businessId, link.objectId, link.tokenHash),
    type: objectLinkRefEntity.type,
    tokenHash: link.tokenHash,
    version: 1,
    createdAt: link.issuedAt,
    updatedAt: link.issuedAt,
    // Gone with its link: an expired link needs no revoking.
    [tableDefinition.ttlAttribute]: epochSeconds(link.expiresAt),
  }),
  fromItem: (item: Item) => parseItem(objectLinkRefEntity.type, ObjectLinkRefItem, item).tokenHash,
};

/** A send request handled: a redelivered queue message finds it and sends nothing twice. */
export const objectLinkSendEntity = {
  type: 'objectLinkSend',
  key: (kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string): Key => ({ pk: objectPartition[kind](businessId, objectId), sk: `LINKSEND#${requestId}` }),
};

const LiveLinkPointerItem = v.object({ kind: v.picklist(['sign-in', 'invoice', 'estimate', 'tracking', 'form']), tokenHash: v.string() });

/**
 * The customer's list of their live links (sign-in, pay, estimate and tracking links alike): one
 * pointer per link in the customer's partition, written before its link (a crash between leaves a
 * pointer to nothing, which the list skips) and gone by TTL when the link expires. The link's own
 * item stays the truth: a used, withdrawn or revoked link is gone from the list however its pointer fares.
 */
export const liveLinkEntity = {
  type: 'liveLinkPointer',
  prefix: 'LIVELINK#',
  key: (businessId: string, customerId: string, publicId: string): Key => ({ pk: customerEntity.partition(businessId, customerId), sk: `LIVELINK#${publicId}` }),
  toItem: (link: Pick<LiveLink, 'kind' | 'tokenHash' | 'issuedAt' | 'expiresAt'> & { businessId: string; customerId: string }, publicId: string): Item => ({
    ...liveLinkEntity.key(link.businessId, link.customerId, publicId),
    type: liveLinkEntity.type,
    kind: link.kind,
    tokenHash: link.tokenHash,
    version: 1,
    createdAt: link.issuedAt,
    updatedAt: link.issuedAt,
    [tableDefinition.ttlAttribute]: epochSeconds(link.expiresAt),
  }),
  fromItem: (item: Item) => parseItem(liveLinkEntity.type, LiveLinkPointerItem, item),
};
