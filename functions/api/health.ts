import { httpRoute } from '../http/http-route';

/** Liveness for load balancers and smoke tests: touches nothing. */
export const handler = httpRoute({ auth: 'public' }, async () => ({ status: 200, body: { status: 'ok' } }));
