import { businessSettingsSchemas } from '../../shared/contract/business/settings';
import { updateSettings } from '../../shared/directory/businesses';
import { settingsView } from '../../shared/business-api/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/**
 * Name, portal address (slug), branding, time zone, contact and menu; a slug change keeps every key.
 * The API limits are the operator's (`npm run admin -- set-limits`): shown here, not changed.
 */
export const handler = httpRoute(
  businessRoute('patchSettings'),
  { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, budgets: DynamoBusinessApiStore }, ...businessSettingsSchemas.patchSettings },
  async ({ caller, body, deps }) => {
    const [business, limits] = await Promise.all([
      updateSettings(caller.businessId, body, { directory: deps.stores.directory, clock: deps.clock }),
      deps.stores.budgets.readLimits(caller.businessId),
    ]);
    return { status: 200, body: settingsView(business, deps.config.portalOrigin, limits) };
  },
);
