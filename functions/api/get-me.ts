import { customerProfileSchemas } from '../../shared/contract/customer/profile';
import { getProfile } from '../../shared/account/profile';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoProfileStore } from '../../shared/directory/profile-store';
import { DynamoTextOptOutStore } from '../../shared/notifications/opt-out-store';

/** The signed-in customer, their portal, and their own settings (notices, a stopped phone, pending changes of address). */
export const handler = httpRoute(
  portalRoute('getMe'),
  { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, profiles: DynamoProfileStore, optOuts: DynamoTextOptOutStore }, ...customerProfileSchemas.getMe },
  async ({ caller, deps }) => ({
    status: 200,
    body: await getProfile(caller, { directory: deps.stores.directory, profiles: deps.stores.profiles, optOuts: deps.stores.optOuts, clock: deps.clock }),
  }),
);
