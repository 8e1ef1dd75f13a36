import { businessSchemas } from '../../shared/api/business-contract';
import { deleteEndpoint } from '../../shared/business-api/webhook-endpoints';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('deleteWebhookEndpoint'), { ...businessSchemas.deleteWebhookEndpoint }, async ({ caller, path, deps }) => {
  await deleteEndpoint(caller.businessId, path.endpointId, { webhooks: deps.stores.webhooks });
  return { status: 204 };
});
