import { getSettings } from '../../shared/directory/businesses';
import { settingsView } from '../../shared/business-api/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('getSettings'), {}, async ({ caller, deps }) => ({
  status: 200,
  body: settingsView(await getSettings(caller.businessId, { directory: deps.stores.directory }), deps.config.portalOrigin),
}));
