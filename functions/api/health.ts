import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Liveness for load balancers and smoke tests: touches nothing. */
export const handler = httpRoute(routeByName('health'), {}, async () => ({ status: 200, body: { status: 'ok' } }));
