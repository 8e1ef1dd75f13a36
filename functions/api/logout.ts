import { endSession } from '../../shared/auth/sessions';
import { clearedSessionCookie } from '../http/cookies';
import { httpRoute } from '../http/http-route';

/** Revokes the session server-side: the old cookie is worthless even if kept. */
export const handler = httpRoute({ auth: 'session' }, async ({ session, runtime }) => {
  await endSession(session, { sessions: runtime.auth });
  return { status: 204, cookies: [clearedSessionCookie] };
});
