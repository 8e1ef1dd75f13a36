/**
 * Telling the customer the business wrote (the queue consumer's half of a business message).
 * A claim on the message item comes first, so a redelivered queue message sends nothing twice;
 * a failed send gives the claim back for the queue's retry; a claim expires (a crash between it and
 * the send), and only the write after the send (`noticeSentAt`) ends it for good.
 */
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { JobStore } from '../jobs/port';
import type { NotificationJob, Notifier, TextOptOutStore } from '../notifications/port';
import { recipientOf, type Withheld } from '../notifications/consent';
import { jobMessageNotice } from '../notifications/templates';
import { messageLanguageOf } from '../directory/languages';
import { sendOnce, type SendClaim } from '../notifications/claims';

export type NoticeOutcome = 'sent' | 'already-sent' | 'gone' | Withheld;

export async function noticeOfMessage(
  job: Extract<NotificationJob, { kind: 'job-message' }>,
  deps: { jobs: JobStore; directory: DirectoryStore; optOuts: TextOptOutStore; notifier: Notifier; clock: Clock; portalOrigin: string },
): Promise<NoticeOutcome> {
  const [stored, message, business] = await Promise.all([
    deps.jobs.getJob(job.businessId, job.jobId),
    deps.jobs.getMessage(job.businessId, job.jobId, job.messageAt, job.messageId),
    deps.directory.getBusiness(job.businessId),
  ]);
  if (!stored || !message || !business) return 'gone';
  const customer = await deps.directory.getCustomer(job.businessId, stored.customerId);
  if (!customer) return 'no-address';
  const recipient = await recipientOf(customer, job.channel, 'messages', deps);
  if ('withheld' in recipient) return recipient.withheld;
  const { to } = recipient;
  const { businessId, jobId, messageAt: at, messageId } = job;
  const claim: SendClaim = {
    take: (now, staleBefore) => deps.jobs.claimMessageNotice(businessId, jobId, at, messageId, now, staleBefore),
    sent: () => deps.jobs.messageNoticeSent(businessId, jobId, at, messageId),
    release: (claimedAt) => deps.jobs.releaseMessageNotice(businessId, jobId, at, messageId, claimedAt),
    markSent: (now) => deps.jobs.markMessageNoticeSent(businessId, jobId, at, messageId, now),
  };
  return sendOnce(
    claim,
    'message-notice',
    () =>
      deps.notifier.send(
        jobMessageNotice({
          businessName: business.name,
          customerName: customer.name,
          language: messageLanguageOf(customer, business),
          channel: job.channel,
          to,
          jobNumber: stored.number,
          jobTitle: stored.title,
          text: message.text,
          url: `${deps.portalOrigin.replace(/\/+$/, '')}/${business.slug}/jobs/${encodeURIComponent(jobId)}`,
        }),
      ),
    deps.clock,
  );
}
