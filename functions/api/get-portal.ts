import * as v from 'valibot';
import { Slug } from '../../shared/api/contract';
import { getPortal } from '../../shared/portal/portal-info';
import { httpRoute } from '../http/http-route';

/** The business behind a portal address, for the sign-in page's name and colours. */
export const handler = httpRoute({ auth: 'public', path: v.object({ slug: Slug }) }, async ({ path, runtime }) => ({
  status: 200,
  body: await getPortal(path.slug, runtime),
}));
