/**
 * Sending a form to a customer (`POST forms/{formId}/send`): their own copy (a sent form, `sfm_…`,
 * filled against the version current when they open it), listed in their Forms section, and a
 * link that opens just that form without signing in, minted and sent by the notifications
 * consumer (shared/links/object-links.ts): 30 days, withdrawable by the customer (their live
 * links) and by the business (`POST sent-forms/{id}/links/revoke`). A retried send (same
 * Idempotency-Key) makes the same sent form and sends one link.
 */
import type { ContactChannel } from '../directory/model';
import type { DirectoryStore } from '../directory/port';
import type { JobStore } from '../jobs/port';
import type { NotificationJob } from '../notifications/port';
import type { ObjectLinkStore } from '../links/port';
import type { MessageQueue } from '../kernel/types';
import type { Mint } from '../kernel/ids';
import { InvalidInput, NotFound } from '../kernel/errors';
import { checkReachable, queueObjectLink, revokeObjectLinks } from '../links/object-links';
import type { SentFormRecord } from '../forms/model';
import type { FormStore } from '../forms/port';

export async function sendForm(
  businessId: string,
  formId: string,
  input: { customerId: string; jobId: string | null; channel: ContactChannel },
  mint: Mint,
  deps: { forms: FormStore; directory: DirectoryStore; jobs: JobStore; notifications: MessageQueue<NotificationJob> },
): Promise<SentFormRecord> {
  const [form, job, customer] = await Promise.all([
    deps.forms.getForm(businessId, formId),
    input.jobId ? deps.jobs.getJob(businessId, input.jobId) : Promise.resolve(null),
    deps.directory.getCustomer(businessId, input.customerId),
  ]);
  if (!form) throw new NotFound(`There is no form ${formId}: PUT it first.`);
  if (!customer) throw new InvalidInput([{ field: 'customerId', message: 'is not a customer of this business: PUT the customer first' }]);
  await checkReachable('form', businessId, input.customerId, input.channel, deps);
  if (input.jobId && (!job || job.customerId !== input.customerId)) throw new InvalidInput([{ field: 'jobId', message: 'is not a job of this customer: PUT the job first' }]);
  const now = mint.now.toISOString();
  const sent: SentFormRecord = {
    businessId,
    id: mint.id('sfm'),
    formId,
    customerId: input.customerId,
    jobId: input.jobId,
    title: form.definition.title,
    sentAt: now,
    status: 'open',
    submissionId: null,
    submittedAt: null,
    draft: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // A retry of the same request mints the same id: the copy is there already, and the send below is claimed once.
  const stored = (await deps.forms.createSentForm(sent)) ? sent : ((await deps.forms.getSentForm(businessId, sent.id, { consistent: true })) ?? sent);
  await queueObjectLink('form', { businessId, id: stored.id }, input.channel, { requestId: mint.id('fls'), at: mint.now }, deps);
  return stored;
}

/** Withdraws every link of a sent form: each fails on its next use (the customer can still fill it signed in). */
export async function revokeFormLinks(businessId: string, sentFormId: string, deps: { forms: FormStore; links: ObjectLinkStore }): Promise<number> {
  if (!(await deps.forms.getSentForm(businessId, sentFormId))) throw new NotFound(`There is no sent form ${sentFormId}.`);
  return revokeObjectLinks('form', businessId, sentFormId, deps);
}
