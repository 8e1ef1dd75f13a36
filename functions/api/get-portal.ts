import * as v from 'valibot';
import { Slug } from '../../shared/api/contract';
import { getPortal } from '../../shared/directory/portal-info';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** The business behind a portal address, for the sign-in page's name and colours. */
export const handler = httpRoute(routeByName('getPortal'), { path: v.strictObject({ slug: Slug }) }, async ({ path, deps }) => ({
  status: 200,
  body: await getPortal(path.slug, { directory: deps.stores.directory, clock: deps.clock }),
}));
