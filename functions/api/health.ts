import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';

/** Liveness for load balancers and smoke tests: touches nothing. */
export const handler = httpRoute(portalRoute('health'), { auth: publicAuth }, async () => ({ status: 200, body: { status: 'ok' } }));
