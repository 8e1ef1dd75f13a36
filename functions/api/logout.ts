import { endSession } from '../../shared/auth/sessions';
import { portalRoute } from '../../shared/routes/portal';
import { clearedSessionCookie } from '../http/cookies';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoAuthStore } from '../../shared/auth/store';

/** Revokes the session server-side: the old cookie is worthless even if kept. */
export const handler = httpRoute(portalRoute('logout'), { auth: sessionAuth, stores: { auth: DynamoAuthStore } }, async ({ caller, deps }) => {
  await endSession(caller, { sessions: deps.stores.auth });
  return { status: 204, cookies: [clearedSessionCookie] };
});
