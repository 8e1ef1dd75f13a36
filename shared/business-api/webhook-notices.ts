/**
 * Telling the business that one of its webhook endpoints was disabled, by email to the contact
 * address in its settings. Sent from the notifications queue, once: a claim on the endpoint
 * comes first (a redelivered message sends nothing), and a failed send gives it back.
 */
import type { DirectoryStore } from '../directory/port';
import type { NotificationJob, Notifier } from '../notifications/port';
import type { WebhookEndpointStore } from './port';
import { webhookEndpointDisabledNotice } from '../notifications/templates';

export type DisabledNoticeOutcome = 'sent' | 'already-sent' | 'not-disabled' | 'no-contact-email';

export async function noticeOfDisabledEndpoint(
  job: Extract<NotificationJob, { kind: 'webhook-endpoint-disabled' }>,
  deps: { directory: DirectoryStore; endpoints: WebhookEndpointStore; notifier: Notifier },
): Promise<DisabledNoticeOutcome> {
  const [business, endpoint] = await Promise.all([deps.directory.getBusiness(job.businessId), deps.endpoints.getEndpoint(job.businessId, job.endpointId)]);
  // Deleted or enabled again since: nothing to tell.
  if (!business || !endpoint || endpoint.status !== 'disabled' || endpoint.disabledAt !== job.disabledAt) return 'not-disabled';
  if (!business.contactEmail) return 'no-contact-email';
  if (!(await deps.endpoints.claimDisabledNotice(job.businessId, job.endpointId, job.disabledAt))) return 'already-sent';
  try {
    await deps.notifier.send(
      webhookEndpointDisabledNotice({
        businessName: business.name,
        to: business.contactEmail,
        endpointId: endpoint.id,
        endpointUrl: endpoint.url,
        reason: endpoint.disabledReason ?? 'Every delivery attempt failed.',
        disabledAt: job.disabledAt,
      }),
    );
  } catch (error) {
    await deps.endpoints.releaseDisabledNotice(job.businessId, job.endpointId, job.disabledAt);
    throw error;
  }
  return 'sent';
}
