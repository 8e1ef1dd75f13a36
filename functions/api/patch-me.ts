import { customerProfileSchemas } from '../../shared/contract/customer/profile';
import { updateProfile } from '../../shared/account/profile';
import { stepDepsFrom } from '../../shared/steps/deps';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { stepStores } from '../wiring/step-stores';
import { DynamoProfileStore } from '../../shared/directory/profile-store';
import { DynamoTextOptOutStore } from '../../shared/notifications/opt-out-store';

/** The customer changes their name, language or notification choices; the business hears `customer.updated`. */
export const handler = httpRoute(
  portalRoute('patchMe'),
  { auth: sessionAuth, stores: { ...stepStores, profiles: DynamoProfileStore, optOuts: DynamoTextOptOutStore }, ...customerProfileSchemas.patchMe, aws: { queues: sqsQueues } },
  async ({ caller, body, deps }) => ({
    status: 200,
    body: await updateProfile(caller, body, { ...stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks }), profiles: deps.stores.profiles, optOuts: deps.stores.optOuts }),
  }),
);
