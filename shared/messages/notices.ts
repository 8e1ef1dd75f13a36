/**
 * Telling the customer the business wrote (the queue consumer's half of a business message).
 * A claim on the message item comes first, so a redelivered queue message sends nothing twice;
 * a failed send gives the claim back for the queue's retry; a claim expires (a crash between it and
 * the send), and only the write after the send (`noticeSentAt`) ends it for good.
 */
import { addressOn } from '../domain/model';
import type { Clock, DirectoryStore, JobStore, NotificationJob, Notifier } from '../domain/ports';
import { jobMessageNotice } from '../notifications/templates';
import { crashPoint, isInjectedCrash } from '../followups/crash';
import { NoticeInProgress, noticeClaimMs } from '../notifications/claims';

export type NoticeOutcome = 'sent' | 'already-sent' | 'gone' | 'no-address';

export async function noticeOfMessage(
  job: Extract<NotificationJob, { kind: 'job-message' }>,
  deps: { jobs: JobStore; directory: DirectoryStore; notifier: Notifier; clock: Clock; portalOrigin: string },
): Promise<NoticeOutcome> {
  const [stored, message, business] = await Promise.all([
    deps.jobs.getJob(job.businessId, job.jobId),
    deps.jobs.getMessage(job.businessId, job.jobId, job.messageAt, job.messageId),
    deps.directory.getBusiness(job.businessId),
  ]);
  if (!stored || !message || !business) return 'gone';
  const customer = await deps.directory.getCustomer(job.businessId, stored.customerId);
  const to = customer && addressOn(customer, job.channel);
  if (!customer || !to) return 'no-address';
  const now = deps.clock.now();
  const claimedAt = now.toISOString();
  if (!(await deps.jobs.claimMessageNotice(job.businessId, job.jobId, job.messageAt, job.messageId, claimedAt, new Date(now.getTime() - noticeClaimMs).toISOString()))) {
    if (await deps.jobs.messageNoticeSent(job.businessId, job.jobId, job.messageAt, job.messageId)) return 'already-sent';
    throw new NoticeInProgress(`The notice of message ${job.messageId} is being sent by another delivery; retrying once its claim expires`);
  }
  crashPoint('message-notice:claimed');
  try {
    await deps.notifier.send(
      jobMessageNotice({
        businessName: business.name,
        customerName: customer.name,
        channel: job.channel,
        to,
        jobNumber: stored.number,
        jobTitle: stored.title,
        text: message.text,
        url: `${deps.portalOrigin.replace(/\/+$/, '')}/${business.slug}/jobs/${encodeURIComponent(job.jobId)}`,
      }),
    );
  } catch (error) {
    if (!isInjectedCrash(error)) await deps.jobs.releaseMessageNotice(job.businessId, job.jobId, job.messageAt, job.messageId, claimedAt);
    throw error;
  }
  await deps.jobs.markMessageNoticeSent(job.businessId, job.jobId, job.messageAt, job.messageId, deps.clock.now().toISOString());
  return 'sent';
}
