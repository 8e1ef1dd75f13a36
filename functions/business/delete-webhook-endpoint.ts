import { businessWebhookSchemas } from '../../shared/contract/business/webhooks';
import { deleteEndpoint } from '../../shared/business-api/webhook-endpoints';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('deleteWebhookEndpoint'), { ...businessWebhookSchemas.deleteWebhookEndpoint }, async ({ caller, path, deps }) => {
  await deleteEndpoint(caller.businessId, path.endpointId, { webhooks: deps.stores.webhooks });
  return { status: 204 };
});
