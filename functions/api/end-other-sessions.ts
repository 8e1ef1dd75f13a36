import { customerAccountSchemas, type RevokeOthersResponse } from '../../shared/contract/customer/account';
import { endOtherDevices } from '../../shared/auth/devices';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoAuthStore } from '../../shared/auth/store';

/** "Sign out everywhere else": every session of the customer's but this browser's ends. */
export const handler = httpRoute(portalRoute('endOtherSessions'), { auth: sessionAuth, stores: { auth: DynamoAuthStore }, ...customerAccountSchemas.endOtherSessions }, async ({ caller, deps }) => {
  const answer: RevokeOthersResponse = { signedOut: await endOtherDevices(caller, { sessions: deps.stores.auth }) };
  return { status: 200, body: answer };
});
