import { customerAccountSchemas, type SessionsResponse } from '../../shared/contract/customer/account';
import { listDevices } from '../../shared/auth/devices';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoAuthStore } from '../../shared/auth/store';

/** Where the customer is signed in: each browser, which one is this, when each signed in and was last seen. */
export const handler = httpRoute(portalRoute('listSessions'), { auth: sessionAuth, stores: { auth: DynamoAuthStore }, ...customerAccountSchemas.listSessions }, async ({ caller, deps }) => {
  const answer: SessionsResponse = { sessions: await listDevices(caller, { sessions: deps.stores.auth, clock: deps.clock }) };
  return { status: 200, body: answer };
});
