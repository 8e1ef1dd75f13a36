import { customerProfileSchemas } from '../../shared/contract/customer/profile';
import { requestContactChange } from '../../shared/account/contact-change';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoProfileStore } from '../../shared/directory/profile-store';
import { DynamoPasswordStore } from '../../shared/auth/password/store';

/** A new email or phone: 202, and a link (email) or a code (text) is on its way to it. */
export const handler = httpRoute(
  portalRoute('requestContactChange'),
  { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, profiles: DynamoProfileStore, auth: DynamoAuthStore, passwords: DynamoPasswordStore }, ...customerProfileSchemas.requestContactChange, aws: { queues: sqsQueues } },
  async ({ caller, body, deps }) => ({
    status: 202,
    body: await requestContactChange(caller, body, { directory: deps.stores.directory, profiles: deps.stores.profiles, passwords: deps.stores.passwords, rateLimits: deps.stores.auth, notifications: deps.queues.notifications, clock: deps.clock, random: deps.random }),
  }),
);
