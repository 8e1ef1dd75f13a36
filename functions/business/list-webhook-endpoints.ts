import { endpointView } from '../../shared/business-api/webhook-endpoints';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

export const handler = httpRoute(businessRoute('listWebhookEndpoints'), { auth: apiKeyAuth, stores: { webhooks: DynamoBusinessApiStore } }, async ({ caller, deps }) => {
  const items = (await deps.stores.webhooks.listEndpoints(caller.businessId)).map((e) => endpointView(e));
  return { status: 200, body: { items, hasMore: false, nextCursor: null } };
});
