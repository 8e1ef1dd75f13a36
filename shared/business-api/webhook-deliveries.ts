/**
 * What the business sees of its webhook deliveries and can do about them: list an endpoint's
 * recent deliveries (newest first, 30 days), re-send one, and turn a disabled endpoint back on.
 */
import type { ListResponse } from '../contract/business/common';
import type { WebhookDeliveryView } from '../contract/business/webhooks';
import { Conflict, NotFound } from '../kernel/errors';
import type { WebhookDeliveryRecord } from './model';
import type { BusinessEvent, WebhookJob } from '../events/model';
import type { WebhookDeliveryStore, WebhookEndpointStore } from './port';
import type { MessageQueue } from '../kernel/types';
import type { Mint } from '../kernel/ids';
import { endpointView } from './webhook-endpoints';
import { listResponseOf } from './views';
import { resend } from './webhook-retries';

export const deliveryView = (d: WebhookDeliveryRecord): WebhookDeliveryView => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.event.id,
  eventType: d.event.type,
  status: d.status,
  attempts: d.attempts,
  lastAttemptAt: d.lastAttemptAt,
  lastResponseStatus: d.lastResponseStatus,
  lastError: d.lastError,
  nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
  createdAt: d.createdAt,
});

async function endpointOf(businessId: string, endpointId: string, endpoints: WebhookEndpointStore) {
  const endpoint = await endpoints.getEndpoint(businessId, endpointId);
  if (!endpoint) throw new NotFound(`There is no webhook endpoint ${endpointId}.`);
  return endpoint;
}

export async function listDeliveries(
  businessId: string,
  endpointId: string,
  query: { cursor?: string | undefined; limit: number },
  deps: { endpoints: WebhookEndpointStore; deliveries: WebhookDeliveryStore },
): Promise<ListResponse<WebhookDeliveryView>> {
  await endpointOf(businessId, endpointId, deps.endpoints);
  const page = await deps.deliveries.listDeliveries(businessId, endpointId, { limit: query.limit, cursor: query.cursor ?? null });
  return listResponseOf(page, deliveryView);
}

/** A new delivery of the same event (same `webhook-id`, so the receiver can drop a duplicate), attempted at once and then on the schedule. */
export async function retryDelivery(
  businessId: string,
  endpointId: string,
  deliveryId: string,
  mint: Mint,
  deps: { endpoints: WebhookEndpointStore; deliveries: WebhookDeliveryStore; webhooks: MessageQueue<WebhookJob> },
): Promise<WebhookDeliveryView> {
  const endpoint = await endpointOf(businessId, endpointId, deps.endpoints);
  const delivery = await deps.deliveries.getDelivery(businessId, endpointId, deliveryId);
  if (!delivery) throw new NotFound(`There is no delivery ${deliveryId} of webhook endpoint ${endpointId}.`);
  if (endpoint.status === 'disabled') throw new Conflict(`Webhook endpoint ${endpointId} is disabled: enable it first (POST webhook-endpoints/${endpointId}/enable).`);
  const created = await resend({ event: delivery.event as BusinessEvent, endpointId }, mint.id('whd'), { ...deps, now: mint.now.toISOString() });
  return deliveryView(created);
}

/** Turns a disabled endpoint back on (an active one is answered as it is, nothing written); events from now on are sent to it. */
export async function enableEndpoint(businessId: string, endpointId: string, at: string, deps: { endpoints: WebhookEndpointStore }) {
  const current = await endpointOf(businessId, endpointId, deps.endpoints);
  if (current.status === 'active') return endpointView(current);
  const enabled = await deps.endpoints.enableEndpoint(businessId, endpointId, at);
  if (!enabled) throw new NotFound(`There is no webhook endpoint ${endpointId}.`);
  return endpointView(enabled);
}
