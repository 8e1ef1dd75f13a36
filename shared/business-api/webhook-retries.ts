/**
 * One delivery's life: attempt, and on failure wait and attempt again on Standard Webhooks'
 * schedule (seconds, then minutes, then hours), stretched to about three days. The wait rides on
 * the queue message itself (SQS's per-message delay, at most 15 minutes a hop; a longer wait is
 * several hops, each message carrying the rest), so retries do not depend on SQS's receive count
 * and a failing endpoint's retries hold up nobody else's messages. When the last attempt fails
 * and nothing was delivered to the endpoint since this delivery began, the endpoint is disabled
 * and the business is told by email.
 */
import type { BusinessEvent, WebhookJob } from '../events/model';
import type { WebhookDeliveryStore, WebhookEndpointStore, WebhookTransport } from './port';
import type { Clock } from '../kernel/types';
import type { MessageQueue } from '../kernel/types';
import type { NotificationJob } from '../notifications/port';
import { attemptDelivery, deliveryIdOf, newDelivery } from './events';

/** Seconds to wait after failed attempt n (index n-1) before attempt n+1: 13 attempts over about 3.2 days. */
export const retryScheduleSeconds = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600] as const;
export const maxAttempts = retryScheduleSeconds.length + 1;

/** SQS holds a message back at most this long. */
export const maxQueueDelaySeconds = 900;

export type DeliveryJob = Extract<WebhookJob, { kind: 'delivery' }>;

export type DeliveryOutcome = 'delivered' | 'waiting' | 'retry-scheduled' | 'endpoint-gone' | 'endpoint-disabled' | 'failed' | 'disabled-endpoint-now';

export interface DeliveryDeps {
  endpoints: WebhookEndpointStore;
  deliveries: WebhookDeliveryStore;
  http: WebhookTransport;
  clock: Clock;
  webhooks: MessageQueue<WebhookJob>;
  notifications: MessageQueue<NotificationJob>;
}

/** Queues `job` to run after `waitSeconds`: the first hop now (≤ 15 min), the rest carried in the message. */
export async function queueAfter(job: DeliveryJob, waitSeconds: number, webhooks: MessageQueue<WebhookJob>): Promise<void> {
  const hop = Math.min(maxQueueDelaySeconds, Math.max(0, waitSeconds));
  const rest = Math.max(0, waitSeconds - hop);
  const { waitSeconds: _previous, ...base } = job;
  await webhooks.send({ ...base, ...(rest > 0 ? { waitSeconds: rest } : {}) }, hop > 0 ? { delaySeconds: hop } : {});
}

/**
 * Handles one delivery message within `timeoutMs` (the caller's share of the function's time).
 * Throws only when its own bookkeeping fails (the table, the queue): the message then comes back.
 */
export async function processDelivery(job: DeliveryJob, deps: DeliveryDeps, timeoutMs: number): Promise<DeliveryOutcome> {
  if (job.waitSeconds && job.waitSeconds > 0) {
    await queueAfter(job, job.waitSeconds, deps.webhooks);
    return 'waiting';
  }
  const { event, endpointId } = job;
  const businessId = event.businessId;
  const endpoint = await deps.endpoints.getEndpoint(businessId, endpointId);
  if (!endpoint) return 'endpoint-gone'; // deleted since: its deliveries go with its partition's TTL
  const now = deps.clock.now().toISOString();
  // Messages queued before deliveries were recorded carry no id: give them their record.
  const deliveryId = job.deliveryId ?? deliveryIdOf(event, endpointId);
  if (!job.deliveryId) await deps.deliveries.putDelivery(newDelivery(deliveryId, endpointId, event, now));
  const record = (result: Parameters<WebhookDeliveryStore['recordAttempt']>[3]) => deps.deliveries.recordAttempt(businessId, endpointId, deliveryId, result);

  if (endpoint.status === 'disabled') {
    await record({ status: 'failed', attempts: job.attempt - 1, lastAttemptAt: null, lastResponseStatus: null, lastError: 'endpoint-disabled', nextAttemptAt: null });
    return 'endpoint-disabled';
  }

  const result = await attemptDelivery(endpoint, event, deps, timeoutMs);
  const attemptedAt = deps.clock.now().toISOString();
  const attempt = { attempts: job.attempt, lastAttemptAt: attemptedAt, lastResponseStatus: result.status };
  if (result.ok) {
    await record({ ...attempt, status: 'delivered', lastError: null, nextAttemptAt: null });
    await deps.endpoints.noteDelivered(businessId, endpointId, attemptedAt);
    return 'delivered';
  }

  const wait = retryScheduleSeconds[job.attempt - 1];
  if (wait !== undefined) {
    const nextAttemptAt = new Date(Date.parse(attemptedAt) + wait * 1000).toISOString();
    await record({ ...attempt, status: 'pending', lastError: result.error, nextAttemptAt });
    await queueAfter({ kind: 'delivery', event, endpointId, deliveryId, attempt: job.attempt + 1 }, wait, deps.webhooks);
    return 'retry-scheduled';
  }

  await record({ ...attempt, status: 'failed', lastError: result.error, nextAttemptAt: null });
  return (await disableFailingEndpoint(job, deliveryId, result.error, deps)) ? 'disabled-endpoint-now' : 'failed';
}

/**
 * After a delivery's last attempt: disables the endpoint if nothing got through to it since this
 * delivery began (one conditional write decides, so of many deliveries failing at once one
 * disables and one email goes out), and queues the email.
 */
async function disableFailingEndpoint(job: DeliveryJob, deliveryId: string, lastError: string, deps: DeliveryDeps): Promise<boolean> {
  const { businessId } = job.event;
  const delivery = await deps.deliveries.getDelivery(businessId, job.endpointId, deliveryId);
  const at = deps.clock.now().toISOString();
  const failingSince = delivery?.createdAt ?? job.event.createdAt;
  const reason = `Every attempt to deliver ${job.event.type} (${job.event.id}) failed for ${describeSchedule()}; the last one: ${lastError}.`;
  if (!(await deps.endpoints.disableEndpoint(businessId, job.endpointId, { reason, at, failingSince }))) return false;
  await deps.notifications.send({ kind: 'webhook-endpoint-disabled', businessId, endpointId: job.endpointId, disabledAt: at });
  return true;
}

export const describeSchedule = () => `${maxAttempts} attempts over ${Math.round(retryScheduleSeconds.reduce((a, b) => a + b, 0) / 3600)} hours`;

/** A re-send the business asked for: a new delivery of the same event (same `webhook-id`), attempted now. */
export async function resend(
  source: { event: BusinessEvent; endpointId: string },
  newDeliveryId: string,
  deps: { deliveries: WebhookDeliveryStore; webhooks: MessageQueue<WebhookJob>; now: string },
) {
  const delivery = newDelivery(newDeliveryId, source.endpointId, source.event, deps.now);
  await deps.deliveries.putDelivery(delivery);
  await deps.webhooks.send({ kind: 'delivery', event: source.event, endpointId: source.endpointId, deliveryId: newDeliveryId, attempt: 1 });
  return delivery;
}
