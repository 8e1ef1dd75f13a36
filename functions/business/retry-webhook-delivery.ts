import { businessSchemas } from '../../shared/api/business-contract';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { retryDelivery } from '../../shared/business-api/webhook-deliveries';
import { mintFor } from '../../shared/kernel/ids';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Queues a new delivery of the same event; with an Idempotency-Key, a repeat queues nothing more (its id is minted from the key). */
export const handler = httpRoute(routeByName('retryWebhookDelivery'), { ...businessSchemas.retryWebhookDelivery, aws: { queues: sqsQueues } }, async ({ caller, path, attempt, deps }) => ({
  status: 202,
  body: await retryDelivery(caller.businessId, path.endpointId, path.deliveryId, mintFor(attempt, deps), {
    endpoints: deps.stores.webhooks,
    deliveries: deps.stores.webhookDeliveries,
    webhooks: deps.queues.webhooks,
  }),
}));
