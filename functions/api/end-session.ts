import { customerAccountSchemas } from '../../shared/contract/customer/account';
import { endDevice } from '../../shared/auth/devices';
import { portalRoute } from '../../shared/routes/portal';
import { clearedSessionCookie } from '../http/cookies';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoAuthStore } from '../../shared/auth/store';

/** Signs one of the customer's browsers out (204); ending this browser's own session also clears its cookie, as sign-out does. */
export const handler = httpRoute(portalRoute('endSession'), { auth: sessionAuth, stores: { auth: DynamoAuthStore }, ...customerAccountSchemas.endSession }, async ({ caller, path, deps }) => {
  const { wasCurrent } = await endDevice(caller, path.sessionId, { sessions: deps.stores.auth, clock: deps.clock });
  return { status: 204, ...(wasCurrent ? { cookies: [clearedSessionCookie] } : {}) };
});
