import { getMe } from '../../shared/directory/get-me';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoDirectoryStore } from '../../shared/directory/store';

export const handler = httpRoute(routeByName('getMe'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore } }, async ({ caller, deps }) => ({
  status: 200,
  body: await getMe(caller, { directory: deps.stores.directory }),
}));
