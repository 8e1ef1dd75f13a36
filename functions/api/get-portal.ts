import { customerPortalSchemas } from '../../shared/contract/customer/portal';
import { getPortal } from '../../shared/directory/portal-info';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** The business behind a portal address, for the sign-in page's name and colours. */
export const handler = httpRoute(portalRoute('getPortal'), { auth: publicAuth, stores: { directory: DynamoDirectoryStore }, ...customerPortalSchemas.getPortal }, async ({ path, deps }) => ({
  status: 200,
  body: await getPortal(path.slug, { directory: deps.stores.directory, clock: deps.clock }),
}));
