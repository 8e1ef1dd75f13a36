import { customerPortalSchemas } from '../../shared/contract/customer/portal';
import { probeSession } from '../../shared/auth/session-probe';
import { portalRoute } from '../../shared/routes/portal';
import { clearedSessionCookie } from '../http/cookies';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** Whether this browser is signed in: 200 either way (rule 68); a dead cookie is cleared as a failed session check clears it. */
export const handler = httpRoute(portalRoute('getSession'), { auth: publicAuth, stores: { auth: DynamoAuthStore, directory: DynamoDirectoryStore }, ...customerPortalSchemas.getSession }, async ({ sessionId, deps }) => {
  const { answer, endSession } = await probeSession(sessionId, { sessions: deps.stores.auth, directory: deps.stores.directory, clock: deps.clock });
  return { status: 200, body: answer, ...(endSession ? { cookies: [clearedSessionCookie] } : {}) };
});
