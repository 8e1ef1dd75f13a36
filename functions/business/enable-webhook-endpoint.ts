import { businessWebhookSchemas } from '../../shared/contract/business/webhooks';
import { enableEndpoint } from '../../shared/business-api/webhook-deliveries';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

export const handler = httpRoute(businessRoute('enableWebhookEndpoint'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, webhooks: DynamoBusinessApiStore }, ...businessWebhookSchemas.enableWebhookEndpoint }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await enableEndpoint(caller.businessId, path.endpointId, deps.clock.now().toISOString(), { endpoints: deps.stores.webhooks }),
}));
