import { businessWebhookSchemas } from '../../shared/contract/business/webhooks';
import { listDeliveries } from '../../shared/business-api/webhook-deliveries';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoWebhookDeliveryStore } from '../../shared/business-api/delivery-store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** An endpoint's deliveries of the last 30 days, newest first, with each one's status and last attempt. */
export const handler = httpRoute(businessRoute('listWebhookDeliveries'), { auth: apiKeyAuth, stores: { webhookDeliveries: DynamoWebhookDeliveryStore, webhooks: DynamoBusinessApiStore }, ...businessWebhookSchemas.listWebhookDeliveries }, async ({ caller, path, query, deps }) => ({
  status: 200,
  body: await listDeliveries(caller.businessId, path.endpointId, query, { endpoints: deps.stores.webhooks, deliveries: deps.stores.webhookDeliveries }),
}));
