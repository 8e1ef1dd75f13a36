import { customerPasswordSchemas } from '../../shared/contract/customer/password';
import { passwordStatus } from '../../shared/auth/password/manage';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoPasswordStore } from '../../shared/auth/password/store';

/** Whether the customer has a password; never anything of it. */
export const handler = httpRoute(portalRoute('getPassword'), { auth: sessionAuth, stores: { passwords: DynamoPasswordStore }, ...customerPasswordSchemas.getPassword }, async ({ caller, deps }) => ({
  status: 200,
  body: await passwordStatus(caller, { passwords: deps.stores.passwords, clock: deps.clock }),
}));
