import { businessWebhookSchemas } from '../../shared/contract/business/webhooks';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { retryDelivery } from '../../shared/business-api/webhook-deliveries';
import { mintFor } from '../../shared/kernel/ids';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoWebhookDeliveryStore } from '../../shared/business-api/delivery-store';

/** Queues a new delivery of the same event; with an Idempotency-Key, a repeat queues nothing more (its id is minted from the key). */
export const handler = httpRoute(businessRoute('retryWebhookDelivery'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, webhookDeliveries: DynamoWebhookDeliveryStore, webhooks: DynamoBusinessApiStore }, ...businessWebhookSchemas.retryWebhookDelivery, aws: { queues: sqsQueues } }, async ({ caller, path, attempt, deps }) => ({
  status: 202,
  body: await retryDelivery(caller.businessId, path.endpointId, path.deliveryId, mintFor(attempt, deps), {
    endpoints: deps.stores.webhooks,
    deliveries: deps.stores.webhookDeliveries,
    webhooks: deps.queues.webhooks,
  }),
}));
