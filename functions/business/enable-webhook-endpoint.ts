import { businessWebhookSchemas } from '../../shared/contract/business/webhooks';
import { enableEndpoint } from '../../shared/business-api/webhook-deliveries';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('enableWebhookEndpoint'), { ...businessWebhookSchemas.enableWebhookEndpoint }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await enableEndpoint(caller.businessId, path.endpointId, deps.clock.now().toISOString(), { endpoints: deps.stores.webhooks }),
}));
