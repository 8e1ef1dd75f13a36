import { businessSchemas } from '../../shared/api/business-contract';
import { updateSettings } from '../../shared/directory/businesses';
import { settingsView } from '../../shared/business-api/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Name, portal address (slug), branding, time zone, contact and menu; a slug change keeps every key. */
export const handler = httpRoute(routeByName('patchSettings'), { ...businessSchemas.patchSettings }, async ({ caller, body, deps }) => ({
  status: 200,
  body: settingsView(await updateSettings(caller.businessId, body, { directory: deps.stores.directory, clock: deps.clock }), deps.config.portalOrigin),
}));
