import { getSettings } from '../../shared/directory/businesses';
import { settingsView } from '../../shared/business-api/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';

export const handler = httpRoute(businessRoute('getSettings'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore } }, async ({ caller, deps }) => ({
  status: 200,
  body: settingsView(await getSettings(caller.businessId, { directory: deps.stores.directory }), deps.config.portalOrigin),
}));
