import { getMe } from '../../shared/directory/get-me';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoDirectoryStore } from '../../shared/directory/store';

export const handler = httpRoute(portalRoute('getMe'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore } }, async ({ caller, deps }) => ({
  status: 200,
  body: await getMe(caller, { directory: deps.stores.directory }),
}));
