import { businessWebhookSchemas } from '../../shared/contract/business/webhooks';
import { createEndpoint, endpointView } from '../../shared/business-api/webhook-endpoints';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** The answer carries the signing secret: the only time it is shown. */
export const handler = httpRoute(businessRoute('createWebhookEndpoint'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, webhooks: DynamoBusinessApiStore }, ...businessWebhookSchemas.createWebhookEndpoint }, async ({ caller, body, deps }) => {
  const endpoint = await createEndpoint(caller.businessId, body, { webhooks: deps.stores.webhooks, clock: deps.clock, random: deps.random, stage: deps.config.stage });
  return { status: 201, body: endpointView(endpoint, true) };
});
