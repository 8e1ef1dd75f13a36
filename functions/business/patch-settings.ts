import { businessSettingsSchemas } from '../../shared/contract/business/settings';
import { updateSettings } from '../../shared/directory/businesses';
import { settingsView } from '../../shared/business-api/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** Name, portal address (slug), branding, time zone, contact and menu; a slug change keeps every key. */
export const handler = httpRoute(businessRoute('patchSettings'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore }, ...businessSettingsSchemas.patchSettings }, async ({ caller, body, deps }) => ({
  status: 200,
  body: settingsView(await updateSettings(caller.businessId, body, { directory: deps.stores.directory, clock: deps.clock }), deps.config.portalOrigin),
}));
