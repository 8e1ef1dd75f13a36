import { getMe } from '../../shared/directory/get-me';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('getMe'), {}, async ({ caller, deps }) => ({
  status: 200,
  body: await getMe(caller, { directory: deps.stores.directory }),
}));
