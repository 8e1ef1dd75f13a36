/** The business API: webhook endpoints, the events they receive, and their deliveries. */
import * as v from 'valibot';
import { wellFormed } from '../text';
import { PageQuery } from './common';

export const webhookEventTypes = [
  'job.message.created',
  'invoice.paid',
  'invoice.payment_failed',
  'payment.refunded',
  'payment.disputed',
  'estimate.approved',
  'estimate.declined',
  'estimate.scheduled',
  'deposit.paid',
  'customer.updated',
  'request.created',
  'request.withdrawn',
  'form.submitted',
] as const;

export const CreateWebhookEndpointBody = v.strictObject({
  url: v.pipe(v.string('must be a string'), wellFormed(), v.maxLength(2000, 'must be at most 2000 characters'), v.url('must be a URL')),
  events: v.optional(v.pipe(v.array(v.picklist(webhookEventTypes, `must be one of ${webhookEventTypes.join(', ')}`)), v.minLength(1, 'must list at least one event')), [...webhookEventTypes]),
});

export const EndpointPath = v.strictObject({ endpointId: v.pipe(v.string(), v.regex(/^we_[A-Za-z0-9]{22}$/, 'must be a webhook endpoint id')) });
export const DeliveryPath = v.strictObject({
  endpointId: EndpointPath.entries.endpointId,
  deliveryId: v.pipe(v.string(), v.regex(/^whd_[A-Za-z0-9]{22}$/, 'must be a webhook delivery id')),
});

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  /** `disabled` after failing for its whole retry schedule (about three days); `POST …/enable` turns it back on. */
  status: 'active' | 'disabled';
  disabledReason: string | null;
  disabledAt: string | null;
  /** Only in the answer that creates it: store it, it is never shown again. */
  secret?: string;
}

/** One event on its way to one endpoint (`GET webhook-endpoints/{id}/deliveries`). */
export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  /** The `webhook-id` the receiver sees: the same on every attempt and re-send. */
  eventId: string;
  eventType: string;
  /** `pending` while attempts remain, `delivered` on a 2xx, `failed` once the schedule ran out or the endpoint was disabled. */
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status on the last attempt; null when none came back. */
  lastResponseStatus: number | null;
  /** `timeout`, `refused-address` (not a public address), `unreachable`, `http-<status>`, `endpoint-disabled`. */
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessWebhookSchemas = {
  createWebhookEndpoint: { body: CreateWebhookEndpointBody },
  listWebhookEndpoints: {},
  deleteWebhookEndpoint: { path: EndpointPath },
  listWebhookDeliveries: { path: EndpointPath, query: PageQuery },
  retryWebhookDelivery: { path: DeliveryPath },
  enableWebhookEndpoint: { path: EndpointPath },
} as const;
