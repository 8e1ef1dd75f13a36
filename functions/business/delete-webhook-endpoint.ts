import { businessWebhookSchemas } from '../../shared/contract/business/webhooks';
import { deleteEndpoint } from '../../shared/business-api/webhook-endpoints';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

export const handler = httpRoute(businessRoute('deleteWebhookEndpoint'), { auth: apiKeyAuth, stores: { webhooks: DynamoBusinessApiStore }, ...businessWebhookSchemas.deleteWebhookEndpoint }, async ({ caller, path, deps }) => {
  await deleteEndpoint(caller.businessId, path.endpointId, { webhooks: deps.stores.webhooks });
  return { status: 204 };
});
