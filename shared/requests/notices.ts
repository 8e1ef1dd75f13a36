/**
 * The consumer's half of "the business answered your request": scheduled (with the visit's time)
 * or declined (with the business's reason), once (a claim on the request).
 *
 * A customer hears it where they chose: email, else text, each only where the topic is on
 * (shared/notifications/consent.ts). The topic: `visits` for a scheduled request (it announces a
 * visit, like a booked estimate's confirmation); `messages` for a declined one (it is the
 * business's written answer, and someone who turned visit notices off still wants to know no
 * visit is coming). Someone from the website not attached to a customer gets an email at the
 * address they confirmed, in the language of the page they asked from; when that address is an
 * existing customer's, that customer's choices decide as above.
 */
import { messageLanguageOf } from '../directory/languages';
import type { Customer } from '../directory/model';
import type { DirectoryStore } from '../directory/port';
import type { JobStore } from '../jobs/port';
import type { Clock } from '../kernel/types';
import type { Language } from '../contract/i18n/languages';
import { sendOnce } from '../notifications/claims';
import { recipientOf, type Withheld } from '../notifications/consent';
import type { NotificationJob, Notifier, TextOptOutStore } from '../notifications/port';
import { requestAnsweredNotice } from '../notifications/templates';
import type { RequestStore } from './port';

export const topicOfAnswer = { scheduled: 'visits', declined: 'messages' } as const;

/** Where a customer hears it: email if the topic is on there, else text (consent.ts), or why not at all. */
async function recipientFor(customer: Customer, topic: (typeof topicOfAnswer)[keyof typeof topicOfAnswer], deps: { optOuts: TextOptOutStore }): Promise<{ channel: 'email' | 'sms'; address: string } | { withheld: Withheld }> {
  const byEmail = await recipientOf(customer, 'email', topic, deps);
  if ('to' in byEmail) return { channel: 'email', address: byEmail.to };
  const byText = await recipientOf(customer, 'sms', topic, deps);
  return 'to' in byText ? { channel: 'sms', address: byText.to } : byText;
}

export async function noticeOfRequestAnswer(
  job: Extract<NotificationJob, { kind: 'request-decided' }>,
  deps: { requests: RequestStore; directory: DirectoryStore; jobs: JobStore; optOuts: TextOptOutStore; notifier: Notifier; clock: Clock; portalOrigin: string },
): Promise<'sent' | 'already-sent' | 'gone' | Withheld> {
  const [request, business] = await Promise.all([deps.requests.getRequest(job.businessId, job.requestId, { consistent: true }), deps.directory.getBusiness(job.businessId)]);
  if (!request || !business || (request.status !== 'scheduled' && request.status !== 'declined')) return 'gone';
  const customer = request.customerId ? await deps.directory.getCustomer(job.businessId, request.customerId) : null;
  let to: { channel: 'email' | 'sms'; address: string };
  let language: Language;
  let customerName: string;
  if (customer) {
    const picked = await recipientFor(customer, topicOfAnswer[request.status], deps);
    if ('withheld' in picked) return picked.withheld;
    to = picked;
    language = messageLanguageOf(customer, business);
    customerName = customer.name;
  } else if (request.contact) {
    // The address may be an existing customer's: then their choices hold here too (email, else
    // text, each only where the topic is on; never a number that replied STOP).
    const ownerId = await deps.directory.findCustomerIdByContact(job.businessId, { channel: 'email', address: request.contact.email.toLowerCase() });
    const owner = ownerId ? await deps.directory.getCustomer(job.businessId, ownerId) : null;
    if (owner) {
      const picked = await recipientFor(owner, topicOfAnswer[request.status], deps);
      if ('withheld' in picked) return picked.withheld;
      to = picked;
    } else {
      to = { channel: 'email', address: request.contact.email };
    }
    language = request.language as Language;
    customerName = request.contact.name;
  } else {
    return 'gone';
  }
  const visit = request.status === 'scheduled' && request.jobId ? await deps.jobs.getJob(job.businessId, request.jobId) : null;
  const origin = deps.portalOrigin.replace(/\/+$/, '');
  // A customer opens it in the portal (signing in if need be); someone from the website has no account to open.
  const url = customer ? `${origin}/${business.slug}/requests/${request.id}` : null;
  const what = request.service?.name ?? (request.description.length > 60 ? `${request.description.slice(0, 59)}…` : request.description);
  const writer = { businessName: business.name, customerName, language, timeZone: business.timeZone, channel: to.channel, to: to.address, what, url };
  return sendOnce(
    deps.requests.noticeClaim(job.businessId, job.requestId),
    'request-notice',
    () =>
      deps.notifier.send(
        request.status === 'scheduled'
          ? requestAnsweredNotice({ ...writer, status: 'scheduled', window: visit ? visit.arrivalWindow : null })
          : requestAnsweredNotice({ ...writer, status: 'declined', reason: request.declineReason ?? '' }),
      ),
    deps.clock,
  );
}
