/**
 * Links that open one invoice (to pay it) or one estimate (to decide on it) without signing in.
 * `POST invoices|estimates/{id}/send` queues a request; the notifications consumer mints the link
 * (a 256-bit token, stored hashed, scoped to the object, expiring) and sends it, so the token is
 * never in a queue message or a log. The request id is claimed first, so a redelivered message
 * sends nothing twice; a failed send gives the claim (and the unsent link) back.
 */
import { addressOn, type Business, type ContactChannel, type Customer, type ObjectLink, type ObjectLinkKind } from '../domain/model';
import type { Clock, DirectoryStore, EstimateStore, InvoiceStore, MessageQueue, NotificationJob, Notifier, ObjectLinkStore, OutgoingMessage, Random } from '../domain/ports';
import { InvalidInput } from '../domain/errors';
import type { Mint } from '../ids';
import { newSecret, sha256 } from '../auth/secrets';
import { estimateLinkMessage, invoicePayLinkMessage } from '../notifications/templates';
import { balanceOf } from '../invoices/ledger';

export const objectLinkPolicy = {
  /** How long a pay link opens its invoice. */
  payLinkLifetimeMs: 30 * 24 * 3600_000,
  /**
   * An estimate link lasts as long as the estimate, plus this: after approving on the last day,
   * the customer can still pay the deposit and book a visit from it. Approval itself stops at
   * the estimate's expiry.
   */
  estimateLinkGraceMs: 14 * 24 * 3600_000,
} as const;

export type LinkSendOutcome = 'sent' | 'already-sent' | 'gone' | 'no-address';

type SendDeps = { invoices: InvoiceStore; estimates: EstimateStore; links: ObjectLinkStore; directory: DirectoryStore; notifier: Notifier; clock: Clock; random: Random; portalOrigin: string };

/** What a link opens, as the message about it needs it. */
interface LinkSubject {
  customerId: string;
  expiresAt: Date;
  /** The page under the portal that opens it: `pay` or `estimate`. */
  page: string;
  message: (to: { channel: ContactChannel; address: string }, customer: Customer, business: Business, url: string) => OutgoingMessage;
}

const subjects: Record<ObjectLinkKind, (job: ObjectLinkJob, deps: SendDeps, now: Date) => Promise<LinkSubject | null>> = {
  invoice: async (job, deps, now) => {
    const invoice = await deps.invoices.getInvoice(job.businessId, job.objectId, { consistent: true });
    return (
      invoice && {
        customerId: invoice.customerId,
        expiresAt: new Date(now.getTime() + objectLinkPolicy.payLinkLifetimeMs),
        page: 'pay',
        message: (to, customer, business, url) =>
          invoicePayLinkMessage({ businessName: business.name, customerName: customer.name, channel: to.channel, to: to.address, invoiceNumber: invoice.number, balance: balanceOf(invoice), currency: invoice.currency, dueAt: invoice.dueAt, url }),
      }
    );
  },
  estimate: async (job, deps) => {
    const estimate = await deps.estimates.getEstimate(job.businessId, job.objectId, { consistent: true });
    return (
      estimate && {
        customerId: estimate.customerId,
        expiresAt: new Date(new Date(estimate.expiresAt).getTime() + objectLinkPolicy.estimateLinkGraceMs),
        page: 'estimate',
        message: (to, customer, business, url) =>
          estimateLinkMessage({ businessName: business.name, customerName: customer.name, channel: to.channel, to: to.address, estimateNumber: estimate.number, title: estimate.title, expiresAt: estimate.expiresAt, url }),
      }
    );
  },
};

type ObjectLinkJob = Extract<NotificationJob, { kind: 'object-link' }>;

export async function sendObjectLink(job: ObjectLinkJob, deps: SendDeps): Promise<LinkSendOutcome> {
  const now = deps.clock.now();
  const [subject, business] = await Promise.all([subjects[job.object](job, deps, now), deps.directory.getBusiness(job.businessId)]);
  if (!subject || !business) return 'gone';
  const customer = await deps.directory.getCustomer(job.businessId, subject.customerId);
  const address = customer && addressOn(customer, job.channel);
  if (!customer || !address) return 'no-address';
  if (!(await deps.links.claimLinkSend(job.object, job.businessId, job.objectId, job.requestId, now.toISOString()))) return 'already-sent';
  const token = newSecret(deps.random);
  const link: ObjectLink = {
    kind: job.object,
    tokenHash: sha256(token),
    businessId: job.businessId,
    customerId: subject.customerId,
    objectId: job.objectId,
    issuedAt: now.toISOString(),
    expiresAt: subject.expiresAt.toISOString(),
  };
  try {
    await deps.links.putObjectLink(link);
    // In the fragment: it never reaches a server log or a Referer header.
    const url = `${deps.portalOrigin.replace(/\/+$/, '')}/${business.slug}/${subject.page}#token=${token}`;
    await deps.notifier.send(subject.message({ channel: job.channel, address }, customer, business, url));
  } catch (error) {
    await deps.links.deleteObjectLink(job.object, job.businessId, job.objectId, link.tokenHash);
    await deps.links.releaseLinkSend(job.object, job.businessId, job.objectId, job.requestId);
    throw error;
  }
  return 'sent';
}

/**
 * `POST invoices|estimates/{id}/send`: checks the customer can be reached on the channel (400
 * otherwise) and queues the send. The request id comes from the mint, so a retried request is
 * recognised by the consumer and sends nothing twice.
 */
export async function requestObjectLink(
  object: ObjectLinkKind,
  document: { businessId: string; id: string; customerId: string },
  channel: ContactChannel,
  mint: Mint,
  deps: { directory: DirectoryStore; notifications: MessageQueue<NotificationJob> },
): Promise<void> {
  const customer = await deps.directory.getCustomer(document.businessId, document.customerId);
  if (!customer || !addressOn(customer, channel)) {
    throw new InvalidInput([{ field: 'channel', message: `this ${object}'s customer has no ${channel === 'email' ? 'email address' : 'phone number'}` }]);
  }
  await deps.notifications.send({
    kind: 'object-link',
    object,
    requestId: mint.id(requestIdPrefix[object]),
    businessId: document.businessId,
    objectId: document.id,
    channel,
    requestedAt: mint.now.toISOString(),
  });
}

const requestIdPrefix: Record<ObjectLinkKind, string> = { invoice: 'pls', estimate: 'els' };

/** Withdraws every link of the invoice or estimate: each fails on its next use. */
export async function revokeObjectLinks(kind: ObjectLinkKind, businessId: string, objectId: string, deps: { links: ObjectLinkStore }): Promise<number> {
  const hashes = await deps.links.listObjectLinks(kind, businessId, objectId);
  for (const hash of hashes) await deps.links.deleteObjectLink(kind, businessId, objectId, hash);
  return hashes.length;
}
