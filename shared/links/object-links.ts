/**
 * Links that open one invoice (to pay it), one estimate (to decide on it), one technician's
 * visit (to follow it) or one sent form without signing in. `POST invoices|estimates/{id}/send`,
 * `POST jobs/{id}/tracking` and a form's send queue a request; the notifications consumer mints the
 * link (a 256-bit token, stored hashed, scoped to the object, expiring) and sends it
 * (shared/link-sends/send-object-link.ts, which reads the object each kind opens), so the token is
 * never in a queue message or a log.
 */
import { addressOn, type ContactChannel, type Customer } from '../directory/model';
import type { LinkOpens, ObjectLink, ObjectLinkKind, SentTo } from './model';
import type { Clock, Random, MessageQueue } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { NotificationJob } from '../notifications/port';
import type { ObjectLinkStore } from './port';
import { InvalidInput } from '../kernel/errors';
import type { Mint } from '../kernel/ids';
import { newSecret, sha256 } from '../kernel/secrets';

export const objectLinkPolicy = {
  /** How long a pay link opens its invoice. */
  payLinkLifetimeMs: 30 * 24 * 3600_000,
  /**
   * An estimate link lasts as long as the estimate, plus this: after approving on the last day,
   * the customer can still pay the deposit and book a visit from it. Approval itself stops at
   * the estimate's expiry.
   */
  estimateLinkGraceMs: 14 * 24 * 3600_000,
  /** How long a form link opens its form (the business sends reminders, and a new link, as it likes). */
  formLinkLifetimeMs: 30 * 24 * 3600_000,
} as const;

/** The page under the portal that opens a link of each kind. */
export const objectLinkPage: Record<ObjectLinkKind, string> = { invoice: 'pay', estimate: 'estimate', tracking: 'track', form: 'form' };

/**
 * Mints a link that opens one object (a 256-bit token, stored hashed) and hands its URL to `send`;
 * a send that fails deletes the link again: a link nobody received must not open anything.
 */
export async function withFreshObjectLink(
  target: { kind: ObjectLinkKind; businessId: string; customerId: string; objectId: string; page: string; slug: string; expiresAt: Date; sentTo: SentTo; opens: LinkOpens | null },
  send: (url: string) => Promise<void>,
  deps: { links: ObjectLinkStore; clock: Clock; random: Random; portalOrigin: string },
): Promise<void> {
  const token = newSecret(deps.random);
  const link: ObjectLink = {
    kind: target.kind,
    tokenHash: sha256(token),
    businessId: target.businessId,
    customerId: target.customerId,
    objectId: target.objectId,
    issuedAt: deps.clock.now().toISOString(),
    expiresAt: target.expiresAt.toISOString(),
    sentTo: target.sentTo,
    opens: target.opens,
  };
  try {
    await deps.links.putObjectLink(link);
    // In the fragment: it never reaches a server log or a Referer header.
    await send(`${deps.portalOrigin.replace(/\/+$/, '')}/${target.slug}/${target.page}#token=${token}`);
  } catch (error) {
    await deps.links.deleteObjectLink(target.kind, target.businessId, target.objectId, link.tokenHash);
    throw error;
  }
}

/**
 * `POST invoices|estimates/{id}/send`, `POST jobs/{id}/tracking`: checks the customer can be
 * reached on the channel (400 otherwise), then queues the send. The request id is what the
 * consumer claims, so the same id never sends twice: a request's mint (a retried request is the
 * same request) or a visit's id (starting the same visit again is the same send).
 */
export async function checkReachable(object: ObjectLinkKind, businessId: string, customerId: string, channel: ContactChannel, deps: { directory: DirectoryStore }): Promise<Customer> {
  const customer = await deps.directory.getCustomer(businessId, customerId);
  if (!customer || !addressOn(customer, channel)) {
    const whose = object === 'tracking' ? "this job's customer" : `this ${object}'s customer`;
    throw new InvalidInput([{ field: 'channel', message: `${whose} has no ${channel === 'email' ? 'email address' : 'phone number'}` }]);
  }
  return customer;
}

export async function requestObjectLink(
  object: Exclude<ObjectLinkKind, 'tracking'>,
  document: { businessId: string; id: string; customerId: string },
  channel: ContactChannel,
  mint: Mint,
  deps: { directory: DirectoryStore; notifications: MessageQueue<NotificationJob> },
): Promise<void> {
  await checkReachable(object, document.businessId, document.customerId, channel, deps);
  await queueObjectLink(object, document, channel, { requestId: mint.id(requestIdPrefix[object]), at: mint.now }, deps);
}

/** Queues the send of a link; the consumer mints it. */
export async function queueObjectLink(
  object: ObjectLinkKind,
  document: { businessId: string; id: string },
  channel: ContactChannel,
  request: { requestId: string; at: Date },
  deps: { notifications: MessageQueue<NotificationJob> },
): Promise<void> {
  await deps.notifications.send({ kind: 'object-link', object, requestId: request.requestId, businessId: document.businessId, objectId: document.id, channel, requestedAt: request.at.toISOString() });
}

const requestIdPrefix: Record<Exclude<ObjectLinkKind, 'tracking'>, string> = { invoice: 'pls', estimate: 'els', form: 'fls' };

/** Withdraws every link of the invoice or estimate: each fails on its next use. */
export async function revokeObjectLinks(kind: ObjectLinkKind, businessId: string, objectId: string, deps: { links: ObjectLinkStore }): Promise<number> {
  const hashes = await deps.links.listObjectLinks(kind, businessId, objectId);
  for (const hash of hashes) await deps.links.deleteObjectLink(kind, businessId, objectId, hash);
  return hashes.length;
}
