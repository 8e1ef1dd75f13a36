/**
 * Telling the customer how a checkout ended: a receipt, or that the bank payment failed. Sent
 * from the notifications queue, once: a claim on the checkout comes first, so a redelivered
 * queue message (or a second `paid` event) sends nothing; a failed send gives the claim back for
 * the queue's retry. A claim expires (`noticeClaimMs`): a crash between the claim and the send
 * leaves a claim nobody will give back, and the queue's redelivery, which comes later than that,
 * takes it over and sends. Only the write after the send (`noticeSentAt`) ends it for good.
 */
import type { CheckoutStore, NoticeSlot } from '../payments/port';
import type { Clock, Random } from '../kernel/types';
import type { ObjectLinkStore } from '../links/port';
import { objectLinkPage, objectLinkPolicy, withFreshObjectLink } from '../links/object-links';
import { maskAddress } from '../contract/customer/account';
import type { DirectoryStore } from '../directory/port';
import type { NotificationJob, Notifier, TextOptOutStore } from '../notifications/port';
import { recipientOf, type Withheld } from '../notifications/consent';
import { duplicateRefundNotice, paymentFailedNotice, paymentReceipt } from '../notifications/templates';
import { sendOnce, type SendClaim } from '../notifications/claims';
import { messageLanguageOf } from '../directory/languages';

export type CheckoutNoticeOutcome = 'sent' | 'already-sent' | 'gone' | Withheld | 'not-ended';

/** Why neither channel took the notice: a choice or a stop says more than a missing address. */
const worstOf = (a: Withheld, b: Withheld): Withheld => (a === 'no-address' ? b : a);

export async function sendCheckoutNotice(
  job: Extract<NotificationJob, { kind: 'receipt' | 'payment-failed' | 'duplicate-refund' }>,
  deps: { checkouts: CheckoutStore; directory: DirectoryStore; links: ObjectLinkStore; optOuts: TextOptOutStore; notifier: Notifier; clock: Clock; random: Random; portalOrigin: string },
): Promise<CheckoutNoticeOutcome> {
  const [checkout, business] = await Promise.all([deps.checkouts.getCheckout(job.businessId, job.checkoutId, { consistent: true }), deps.directory.getBusiness(job.businessId)]);
  if (!checkout || !business) return 'gone';
  if (job.kind === 'duplicate-refund' ? checkout.excessRefunds[job.invoiceId] !== job.amount : checkout.status !== (job.kind === 'receipt' ? 'paid' : 'failed')) return 'not-ended';
  const customer = await deps.directory.getCustomer(job.businessId, checkout.customerId);
  if (!customer) return 'no-address';
  // By email when it may go there, else by text: one notice, where the customer wants payment notices.
  const byEmail = await recipientOf(customer, 'email', 'payments', deps);
  const channel = 'to' in byEmail ? 'email' : 'sms';
  const recipient = 'to' in byEmail ? byEmail : await recipientOf(customer, 'sms', 'payments', deps);
  if ('withheld' in recipient) return 'to' in byEmail ? recipient.withheld : worstOf(byEmail.withheld, recipient.withheld);
  const { to } = recipient;
  const which: NoticeSlot = job.kind === 'duplicate-refund' ? { refundOf: job.invoiceId } : 'ending';
  if (which === 'ending' && checkout.noticeSentAt) return 'already-sent';
  const { businessId, checkoutId } = job;
  const claim: SendClaim = {
    take: (at, staleBefore) => deps.checkouts.claimNotice(businessId, checkoutId, at, staleBefore, which),
    sent: () => deps.checkouts.noticeSent(businessId, checkoutId, which),
    release: (at) => deps.checkouts.releaseNotice(businessId, checkoutId, at, which),
    markSent: (at) => deps.checkouts.markNoticeSent(businessId, checkoutId, at, which),
  };
  const common = {
    businessName: business.name,
    customerName: customer.name,
    language: messageLanguageOf(customer, business),
    channel,
    to,
    amount: checkout.amount,
    currency: checkout.currency,
  } as const;
  const messageWith = (url: string) =>
    job.kind === 'duplicate-refund'
      ? duplicateRefundNotice({ ...common, url, amount: job.amount, invoiceNumber: checkout.allocations.find((a) => a.invoiceId === job.invoiceId)?.invoiceNumber ?? job.invoiceId })
      : job.kind === 'receipt'
        ? paymentReceipt({ ...common, url, method: checkout.method, invoices: checkout.allocations.map((a) => ({ number: a.invoiceNumber, amount: a.amount })) })
        : paymentFailedNotice({ ...common, url, invoices: checkout.allocations.map((a) => ({ number: a.invoiceNumber })) });
  const opened = checkout.openedWith;
  // Signed in: the invoices page. Paid through a link: the customer may have no session, so a fresh
  // link to what their link opened (that invoice, or that estimate and its deposit), never more (rule 69).
  const send = !opened
    ? () => deps.notifier.send(messageWith(`${deps.portalOrigin.replace(/\/+$/, '')}/${business.slug}/invoices`))
    : () =>
        withFreshObjectLink(
          {
            kind: opened.kind,
            businessId,
            customerId: checkout.customerId,
            objectId: opened.id,
            page: objectLinkPage[opened.kind],
            slug: business.slug,
            expiresAt: new Date(deps.clock.now().getTime() + objectLinkPolicy.payLinkLifetimeMs),
            sentTo: { channel, address: maskAddress(channel, to) },
            opens: opened.kind === 'invoice' ? { number: checkout.allocations.find((a) => a.invoiceId === opened.id)?.invoiceNumber ?? null, title: null } : null,
          },
          (url) => deps.notifier.send(messageWith(url)),
          deps,
        );
  return sendOnce(claim, 'notice', send, deps.clock);
}
