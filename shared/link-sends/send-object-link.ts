/**
 * Sending a link that opens one object (the notifications consumer's `object-link` job): what the
 * link opens is read from its own capability (the invoice, the estimate, the sent form, the visit
 * and its job), the message is written for it, and the link is minted and sent once. The request
 * id is claimed first, so a redelivered message sends nothing twice; a failed send gives the claim
 * (and the unsent link) back.
 *
 * It reads every kind of object a link opens, so it sits above those capabilities; the links
 * themselves (minting, queueing a send, revoking) are shared/links/object-links.ts.
 */
import type { Business, ContactChannel, Customer } from '../directory/model';
import type { NotificationTopic } from '../contract/customer/profile';
import { recipientOf, type Withheld } from '../notifications/consent';
import type { LinkOpens, ObjectLinkKind } from '../links/model';
import { maskAddress } from '../contract/customer/account';
import { sendOnce, type SendClaim } from '../notifications/claims';
import type { Clock, Random } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { EstimateStore } from '../estimates/port';
import type { InvoiceStore } from '../invoices/port';
import type { JobStore } from '../jobs/port';
import type { NotificationJob, Notifier, OutgoingMessage, TextOptOutStore } from '../notifications/port';
import type { ObjectLinkStore } from '../links/port';
import type { TrackingStore } from '../tracking/port';
import type { FormStore } from '../forms/port';
import { estimateApprovedMessage, estimateLinkMessage, formLinkMessage, invoicePayLinkMessage, onMyWayMessage, visitBookedMessage } from '../notifications/templates';
import { calendarAttachment } from '../notifications/ics';
import { optionTotals } from '../contract/totals';
import type { Address } from '../contract/common';
import { isLive } from '../tracking/model';
import { messageLanguageOf } from '../directory/languages';
import { balanceOf } from '../invoices/ledger';
import { objectLinkPolicy, withFreshObjectLink } from '../links/object-links';

export type LinkSendOutcome = 'sent' | 'already-sent' | 'gone' | Withheld;

type SendDeps = { invoices: InvoiceStore; estimates: EstimateStore; forms: FormStore; tracking: TrackingStore; jobs: JobStore; links: ObjectLinkStore; directory: DirectoryStore; optOuts: TextOptOutStore; notifier: Notifier; clock: Clock; random: Random; portalOrigin: string };

/** What a link opens, as the message about it needs it. */
interface LinkSubject {
  customerId: string;
  expiresAt: Date;
  /** The page under the portal that opens it: `pay`, `estimate` or `track`. */
  page: string;
  /** What it opens, for the customer's list of live links. */
  opens: LinkOpens;
  /** Which of the customer's notification choices it falls under. */
  topic: NotificationTopic;
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
        opens: { number: invoice.number, title: null },
        topic: 'documents',
        message: (to, customer, business, url) =>
          invoicePayLinkMessage({ ...writerOf(customer, business), channel: to.channel, to: to.address, invoiceNumber: invoice.number, balance: balanceOf(invoice), currency: invoice.currency, dueAt: invoice.dueAt, url }),
      }
    );
  },
  estimate: async (job, deps, now) => {
    const estimate = await deps.estimates.getEstimate(job.businessId, job.objectId, { consistent: true });
    if (!estimate) return null;
    const subject = {
      customerId: estimate.customerId,
      expiresAt: new Date(new Date(estimate.expiresAt).getTime() + objectLinkPolicy.estimateLinkGraceMs),
      page: 'estimate',
      opens: { number: estimate.number, title: estimate.title },
      // The estimate, and the signed copy confirming its approval, are documents.
      topic: 'documents' as const,
    };
    if (job.confirms === 'approval') {
      const decision = estimate.decision;
      const option = decision?.kind === 'approved' ? estimate.options.find((o) => o.id === decision.optionId) : undefined;
      if (!decision || !option) return null;
      return {
        ...subject,
        message: (to, customer, business, url) =>
          estimateApprovedMessage({
            ...writerOf(customer, business),
            channel: to.channel,
            to: to.address,
            estimateNumber: estimate.number,
            title: estimate.title,
            optionName: option.name,
            total: { amount: optionTotals(option).total, currency: estimate.currency },
            deposit: decision.depositAmount ? { amount: decision.depositAmount, currency: estimate.currency } : null,
            approvedAt: decision.at,
            url,
          }),
      };
    }
    if (job.confirms === 'booking') {
      const booking = estimate.booking;
      if (!booking) return null;
      const window = { start: booking.start, end: booking.end };
      return {
        ...subject,
        topic: 'visits',
        message: (to, customer, business, url) =>
          visitBookedMessage({
            ...writerOf(customer, business),
            channel: to.channel,
            to: to.address,
            title: estimate.title,
            window,
            url,
            calendar: (summary) =>
              calendarAttachment({
                // One event per booking: importing the file again updates it.
                uid: `${estimate.id}.${booking.requestId}@${new URL(deps.portalOrigin).host}`,
                ...window,
                stamp: now.toISOString(),
                summary,
                location: estimate.address && oneLineAddress(estimate.address),
                description: `${business.name} · ${estimate.number}: ${estimate.title}`,
              }),
          }),
      };
    }
    return {
      ...subject,
      message: (to, customer, business, url) =>
        estimateLinkMessage({ ...writerOf(customer, business), channel: to.channel, to: to.address, estimateNumber: estimate.number, title: estimate.title, expiresAt: estimate.expiresAt, url }),
    };
  },
  form: async (job, deps, now) => {
    const sent = await deps.forms.getSentForm(job.businessId, job.objectId, { consistent: true });
    // A submitted form needs no link any more.
    if (!sent || sent.status !== 'open') return null;
    const expiresAt = new Date(now.getTime() + objectLinkPolicy.formLinkLifetimeMs);
    return {
      customerId: sent.customerId,
      expiresAt,
      page: 'form',
      opens: { number: null, title: sent.title },
      topic: 'documents',
      message: (to, customer, business, url) =>
        formLinkMessage({ ...writerOf(customer, business), channel: to.channel, to: to.address, title: sent.title, expiresAt: expiresAt.toISOString(), url }),
    };
  },
  tracking: async (job, deps, now) => {
    const [visit, stored] = await Promise.all([deps.tracking.getVisit(job.businessId, job.objectId, { consistent: true }), deps.jobs.getJob(job.businessId, job.objectId)]);
    // The request is the visit: a message for an earlier visit, redelivered late, sends nothing.
    if (!visit || !stored || visit.visitId !== job.requestId || !isLive(visit, now)) return null;
    return {
      customerId: visit.customerId,
      // Never longer than the visit: completing it deletes the link sooner.
      expiresAt: new Date(visit.expiresAt),
      page: 'track',
      opens: { number: stored.number, title: stored.title },
      topic: 'visits',
      message: (to, customer, business, url) =>
        onMyWayMessage({ ...writerOf(customer, business), channel: to.channel, to: to.address, technicianName: visit.technician.name, jobTitle: stored.title, url }),
    };
  },
};

const oneLineAddress = (a: Address) => [a.line1, a.line2, a.city, `${a.region} ${a.postalCode}`].filter(Boolean).join(', ');

/** Who a link's message is from and to, in the customer's language and the business's zone. */
const writerOf = (customer: Customer, business: Business) => ({
  businessName: business.name,
  customerName: customer.name,
  language: messageLanguageOf(customer, business),
  timeZone: business.timeZone,
});

type ObjectLinkJob = Extract<NotificationJob, { kind: 'object-link' }>;

export async function sendObjectLink(job: ObjectLinkJob, deps: SendDeps): Promise<LinkSendOutcome> {
  const now = deps.clock.now();
  const [subject, business] = await Promise.all([subjects[job.object](job, deps, now), deps.directory.getBusiness(job.businessId)]);
  if (!subject || !business) return 'gone';
  const customer = await deps.directory.getCustomer(job.businessId, subject.customerId);
  if (!customer) return 'no-address';
  const recipient = await recipientOf(customer, job.channel, subject.topic, deps);
  if ('withheld' in recipient) return recipient.withheld;
  const address = recipient.to;
  const { object, businessId, objectId, requestId } = job;
  const claim: SendClaim = {
    take: (at, staleBefore) => deps.links.claimLinkSend(object, businessId, objectId, requestId, at, staleBefore),
    sent: () => deps.links.linkSent(object, businessId, objectId, requestId),
    release: () => deps.links.releaseLinkSend(object, businessId, objectId, requestId),
    markSent: (at) => deps.links.markLinkSent(object, businessId, objectId, requestId, at),
  };
  return sendOnce(
    claim,
    'link-send',
    () =>
      withFreshObjectLink(
        {
          kind: object,
          businessId,
          customerId: subject.customerId,
          objectId,
          page: subject.page,
          slug: business.slug,
          expiresAt: subject.expiresAt,
          sentTo: { channel: job.channel, address: maskAddress(job.channel, address) },
          opens: subject.opens,
        },
        (url) => deps.notifier.send(subject.message({ channel: job.channel, address }, customer, business, url)),
        deps,
      ),
    deps.clock,
  );
}
