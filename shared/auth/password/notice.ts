/** The consumer's half of "your password changed": to the customer's email (else their phone), once; only a STOP stops it. */
import { messageLanguageOf } from '../../directory/languages';
import type { DirectoryStore } from '../../directory/port';
import type { Clock } from '../../kernel/types';
import { sendOnce, type SendClaim } from '../../notifications/claims';
import { recipientOf, type Withheld } from '../../notifications/consent';
import type { NotificationJob, Notifier, TextOptOutStore } from '../../notifications/port';
import { passwordChangedNotice } from '../../notifications/templates';

export async function noticeOfPasswordChange(
  job: Extract<NotificationJob, { kind: 'password-changed' }>,
  deps: { directory: DirectoryStore; optOuts: TextOptOutStore; notifier: Notifier; claims: { claimFor(businessId: string, customerId: string, noticeId: string): SendClaim }; clock: Clock },
): Promise<'sent' | 'already-sent' | 'gone' | Withheld> {
  const [customer, business] = await Promise.all([deps.directory.getCustomer(job.businessId, job.customerId), deps.directory.getBusiness(job.businessId)]);
  if (!customer || !business) return 'gone';
  const channel = customer.email ? 'email' : 'sms';
  const recipient = await recipientOf(customer, channel, 'account', deps);
  if ('withheld' in recipient) return recipient.withheld;
  return sendOnce(
    deps.claims.claimFor(job.businessId, job.customerId, `password#${job.changedAt}`),
    'password-notice',
    () =>
      deps.notifier.send(
        passwordChangedNotice({
          businessName: business.name,
          customerName: customer.name,
          language: messageLanguageOf(customer, business),
          timeZone: business.timeZone,
          channel,
          to: recipient.to,
          change: job.change,
          changedAt: job.changedAt,
          businessContact: business.contactPhone ?? business.contactEmail,
        }),
      ),
    deps.clock,
  );
}
