import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

import type { WebhookDeliveryRecord } from './model';
import type { BusinessEvent, WebhookJob } from '../events/model';
import type { WebhookDeliveryStore, WebhookEndpointStore, WebhookTransport } from './port';
import type { Clock } from '../kernel/types';
import type { MessageQueue } from '../kernel/types';
import { base62 } from '../kernel/ids';

/**
 * The delivery of one event to one endpoint: `whd_` + the event's time + a hash of both ids, so
 * it sorts by time and a redelivered fan-out names the same delivery.
 */
export const deliveryIdOf = (event: BusinessEvent, endpointId: string) =>
  `whd_${base62(new Date(event.createdAt).getTime(), 10)}${base62(createHash('sha256').update(`${event.id}\n${endpointId}`).digest().subarray(0, 9), 12)}`;

/** A delivery not yet attempted. */
export const newDelivery = (id: string, endpointId: string, event: BusinessEvent, now: string): WebhookDeliveryRecord => ({
  id,
  businessId: event.businessId,
  endpointId,
  event,
  status: 'pending',
  attempts: 0,
  lastAttemptAt: null,
  lastResponseStatus: null,
  lastError: null,
  nextAttemptAt: now,
  createdAt: now,
  updatedAt: now,
});

/** One delivery record and one queue message per subscribed active endpoint, so each is retried on its own. */
export async function fanOut(
  event: BusinessEvent,
  deps: { endpoints: WebhookEndpointStore; deliveries: WebhookDeliveryStore; webhooks: MessageQueue<WebhookJob>; clock: Clock },
): Promise<number> {
  const endpoints = (await deps.endpoints.listEndpoints(event.businessId)).filter((e) => e.status === 'active' && e.events.includes(event.type));
  const now = deps.clock.now().toISOString();
  for (const endpoint of endpoints) {
    const deliveryId = deliveryIdOf(event, endpoint.id);
    // A redelivered fan-out finds the record and queues again: a crash between the two is finished.
    await deps.deliveries.putDelivery(newDelivery(deliveryId, endpoint.id, event, now));
    await deps.webhooks.send({ kind: 'delivery', event, endpointId: endpoint.id, deliveryId, attempt: 1 });
  }
  return endpoints.length;
}

/** The result of one POST: a 2xx, or why not. */
export type AttemptResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** Why a POST failed, in words the business can act on (kept on the delivery record). */
function failureOf(error: unknown): string {
  // By name, not `instanceof`: node's own errors may come from another realm (a test runner's).
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'ForbiddenAddress') return 'refused-address';
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return 'unreachable';
}

/** Signs and posts one event to one endpoint, within `timeoutMs`. Never throws: a failure is a result. */
export async function attemptDelivery(
  endpoint: { url: string; secret: string },
  event: BusinessEvent,
  deps: { http: WebhookTransport; clock: Clock },
  timeoutMs: number,
): Promise<AttemptResult> {
  const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data });
  const timestamp = deps.clock.now();
  const signature = new Webhook(endpoint.secret).sign(event.id, timestamp, body);
  try {
    const { status } = await deps.http.post(
      endpoint.url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'field-service-portal-webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      { timeoutMs },
    );
    return status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `http-${status}` };
  } catch (error) {
    return { ok: false, status: null, error: failureOf(error) };
  }
}
