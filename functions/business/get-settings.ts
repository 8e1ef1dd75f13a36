import { getSettings } from '../../shared/directory/businesses';
import { settingsView } from '../../shared/business-api/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** The settings, with the API limits the operator set (their counters, read beside the business). */
export const handler = httpRoute(businessRoute('getSettings'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, budgets: DynamoBusinessApiStore } }, async ({ caller, deps }) => {
  const [business, limits] = await Promise.all([getSettings(caller.businessId, { directory: deps.stores.directory }), deps.stores.budgets.readLimits(caller.businessId)]);
  return { status: 200, body: settingsView(business, deps.config.portalOrigin, limits) };
});
