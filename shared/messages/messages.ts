/**
 * Job messages, both ways. The business writes (`POST jobs/{jobId}/messages`): the message is
 * stored and the customer is told by email or text with a link to the job. The customer answers
 * on the job page: the message is stored and the business gets a `job.message.created` webhook.
 * Ids and times come from the request's `Mint`, so a retried request stores the same message
 * (the conditional put finds it there) and queues the same event id.
 */
import { NotFound } from '../kernel/errors';
import type { MessageRecord } from '../jobs/model';
import type { DirectoryStore } from '../directory/port';
import type { JobStore } from '../jobs/port';
import type { UnreadStore } from './port';
import type { MessageQueue } from '../kernel/types';
import type { NotificationJob } from '../notifications/port';
import type { WebhookJob } from '../events/model';
import type { Mint } from '../kernel/ids';
import { emitEvent, eventId } from '../events/emit';

const jobNotFound = () => new NotFound('We could not find that job.').saying('problems.job.not-found');

export async function postCustomerMessage(
  session: { businessId: string; customerId: string },
  jobId: string,
  text: string,
  mint: Mint,
  deps: { jobs: JobStore; directory: DirectoryStore; webhooks: MessageQueue<WebhookJob> },
): Promise<MessageRecord> {
  const [job, customer] = await Promise.all([deps.jobs.getJob(session.businessId, jobId), deps.directory.getCustomer(session.businessId, session.customerId)]);
  if (!job || job.customerId !== session.customerId || !customer) throw jobNotFound();
  const message: MessageRecord = { id: mint.id('msg'), at: mint.now.toISOString(), from: 'customer', author: customer.name, text };
  await deps.jobs.addPart(session.businessId, jobId, 'messages', message);
  await emitEvent(
    {
      id: eventId('job.message.created', message.id),
      type: 'job.message.created',
      createdAt: message.at,
      businessId: session.businessId,
      data: { jobId, customerId: session.customerId, message },
    },
    deps,
  );
  return message;
}

export async function postBusinessMessage(
  businessId: string,
  jobId: string,
  input: { text: string; author?: string | undefined; notify?: 'email' | 'sms' | 'none' | undefined; at?: string | undefined },
  mint: Mint,
  deps: { jobs: JobStore; unread: UnreadStore; directory: DirectoryStore; notifications: MessageQueue<NotificationJob> },
): Promise<{ message: MessageRecord; notified: 'email' | 'sms' | null }> {
  const job = await deps.jobs.getJob(businessId, jobId);
  if (!job) throw new NotFound(`There is no job ${jobId}.`);
  const business = await deps.directory.getBusiness(businessId);
  const message: MessageRecord = { id: mint.id('msg'), at: input.at ?? mint.now.toISOString(), from: 'business', author: input.author ?? business?.name ?? 'Office', text: input.text };
  await deps.jobs.addPart(businessId, jobId, 'messages', message);
  // History imported with an `at` in the past is not news: nobody is told unless asked, and it is
  // not unread. Marked on a retry too (the put found the message there): a crash between the two
  // writes is mended by the retry, and the same message is never counted twice (a set of ids).
  if (!input.at) await deps.unread.markUnread(businessId, job.customerId, { id: jobId, number: job.number, title: job.title }, message.id, mint.now.toISOString());
  const notify = input.notify ?? (input.at ? 'none' : 'default');
  if (notify === 'none') return { message, notified: null };
  const customer = await deps.directory.getCustomer(businessId, job.customerId);
  const channel = notify === 'default' ? (customer?.email ? 'email' : customer?.phone ? 'sms' : null) : notify;
  if (!channel) return { message, notified: null };
  await deps.notifications.send({ kind: 'job-message', businessId, jobId, messageId: message.id, channel, messageAt: message.at });
  return { message, notified: channel };
}
