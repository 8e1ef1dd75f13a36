/**
 * Events out to the business (Standard Webhooks). An event is queued once, where it happens;
 * the webhooks consumer fans it out to each subscribed endpoint as its own queue message and
 * delivers each with retries, backoff and a dead-letter queue. Event ids are derived from what
 * happened, so a retried request, a redelivered message or a retried delivery all carry the same
 * `webhook-id`, and the receiver can drop duplicates.
 */
import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { defineStep, owe } from '../followups/owed';
import { need, type StepDeps } from '../followups/step-deps';
import type { BusinessEvent, Clock, MessageQueue, WebhookEndpointStore, WebhookJob, WebhookTransport } from '../domain/ports';

export const eventId = (type: BusinessEvent['type'], objectId: string) =>
  `evt_${createHash('sha256').update(`${type}\n${objectId}`).digest('base64url').slice(0, 24)}`;

export async function emitEvent(event: BusinessEvent, deps: { webhooks: MessageQueue<WebhookJob> }): Promise<void> {
  await deps.webhooks.send({ kind: 'event', event });
}

/**
 * An event a write owes (shared/followups): queued by the request, or again by the re-driver
 * after a crash, always with the same id, so a receiver that saw it drops the repeat.
 */
export const emitEventStep = defineStep<{ event: BusinessEvent }, StepDeps>('event', async ({ event }, deps) => emitEvent(event, { webhooks: need(deps.webhooks, 'the webhooks queue') }));

export const oweEvent = (event: BusinessEvent) => owe(emitEventStep, event.id, { event });

/** One queue message per subscribed endpoint, so each is retried (and dead-lettered) on its own. */
export async function fanOut(event: BusinessEvent, deps: { endpoints: WebhookEndpointStore; webhooks: MessageQueue<WebhookJob> }): Promise<number> {
  const endpoints = (await deps.endpoints.listEndpoints(event.businessId)).filter((e) => e.events.includes(event.type));
  for (const endpoint of endpoints) await deps.webhooks.send({ kind: 'delivery', event, endpointId: endpoint.id, attempt: 1 });
  return endpoints.length;
}

export type DeliveryOutcome = 'delivered' | 'endpoint-gone' | 'retry-scheduled';

/**
 * Retries with exponential backoff (30 s, 1 min, 2 min … capped at SQS's 15-minute delay), about
 * 2 hours in all; after the last one the message fails for real and SQS's own retries end in the
 * dead-letter queue, where ops can inspect and redrive it.
 */
export const deliveryPolicy = { maxAttempts: 10, firstDelaySeconds: 30, maxDelaySeconds: 900 } as const;
export const retryDelaySeconds = (attempt: number) => Math.min(deliveryPolicy.maxDelaySeconds, deliveryPolicy.firstDelaySeconds * 2 ** (attempt - 1));

/** Delivers, or on failure queues the next attempt later; throws only when the attempts are used up. */
export async function deliverWithRetry(
  job: { event: BusinessEvent; endpointId: string; attempt: number },
  deps: { endpoints: WebhookEndpointStore; http: WebhookTransport; clock: Clock; webhooks: MessageQueue<WebhookJob> },
): Promise<DeliveryOutcome> {
  try {
    return await deliver(job, deps);
  } catch (error) {
    if (job.attempt >= deliveryPolicy.maxAttempts) throw error;
    await deps.webhooks.send({ kind: 'delivery', ...job, attempt: job.attempt + 1 }, { delaySeconds: retryDelaySeconds(job.attempt) });
    return 'retry-scheduled';
  }
}

/** Signs and posts one event to one endpoint; throws on failure so the queue retries it. */
export async function deliver(
  job: { event: BusinessEvent; endpointId: string },
  deps: { endpoints: WebhookEndpointStore; http: WebhookTransport; clock: Clock },
): Promise<DeliveryOutcome> {
  const endpoint = (await deps.endpoints.listEndpoints(job.event.businessId)).find((e) => e.id === job.endpointId);
  if (!endpoint) return 'endpoint-gone'; // deleted since: nothing to deliver to
  const body = JSON.stringify({ id: job.event.id, type: job.event.type, createdAt: job.event.createdAt, data: job.event.data });
  const timestamp = deps.clock.now();
  const signature = new Webhook(endpoint.secret).sign(job.event.id, timestamp, body);
  const { status } = await deps.http.post(endpoint.url, body, {
    'content-type': 'application/json',
    'user-agent': 'field-service-portal-webhooks/1',
    'webhook-id': job.event.id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  });
  if (status < 200 || status >= 300) throw new Error(`Webhook endpoint ${endpoint.id} answered ${status}`);
  return 'delivered';
}
