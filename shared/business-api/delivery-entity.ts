/** Webhook deliveries: one item per event sent to one endpoint, in that endpoint's own partition, kept 30 days. */
import * as v from 'valibot';
import type { WebhookDeliveryRecord } from './model';
import { tableDefinition } from '../data/table';
import { bizPrefix, epochSeconds, nullableString, parseItem, type Item, type Key } from '../data/entity';

/** How long a delivery stays listed: TTL removes it after this (the list is bounded by it). */
export const deliveryRetentionDays = 30;

const DeliveryItem = v.object({
  id: v.string(),
  businessId: v.string(),
  endpointId: v.string(),
  event: v.object({ id: v.string(), type: v.string(), createdAt: v.string(), businessId: v.string(), data: v.record(v.string(), v.unknown()) }),
  status: v.picklist(['pending', 'delivered', 'failed']),
  attempts: v.number(),
  lastAttemptAt: nullableString,
  lastResponseStatus: v.nullable(v.number()),
  lastError: nullableString,
  nextAttemptAt: nullableString,
  createdAt: v.string(),
  updatedAt: v.string(),
  version: v.number(),
});

export const webhookDeliveryEntity = {
  type: 'webhookDelivery',
  prefix: 'DELIVERY#',
  /** The endpoint's partition (not the business's, where the endpoint items are listed). */
  partition: (businessId: string, endpointId: string): string => `${bizPrefix(businessId)}#WEBHOOK#${endpointId}`,
  key: (businessId: string, endpointId: string, deliveryId: string): Key => ({ pk: webhookDeliveryEntity.partition(businessId, endpointId), sk: `DELIVERY#${deliveryId}` }),
  toItem: (d: WebhookDeliveryRecord): Item => ({
    ...webhookDeliveryEntity.key(d.businessId, d.endpointId, d.id),
    type: webhookDeliveryEntity.type,
    ...d,
    version: 1,
    [tableDefinition.ttlAttribute]: epochSeconds(new Date(new Date(d.createdAt).getTime() + deliveryRetentionDays * 86_400_000)),
  }),
  fromItem: (item: Item): WebhookDeliveryRecord => {
    const { version: _v, ...delivery } = parseItem(webhookDeliveryEntity.type, DeliveryItem, item);
    return delivery;
  },
};
