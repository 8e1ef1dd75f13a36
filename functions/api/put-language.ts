import { customerPortalSchemas, type PutLanguageResponse } from '../../shared/contract/customer/portal';
import { updateProfile } from '../../shared/account/profile';
import { stepDepsFrom } from '../../shared/steps/deps';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { stepStores } from '../wiring/step-stores';
import { DynamoProfileStore } from '../../shared/directory/profile-store';
import { DynamoTextOptOutStore } from '../../shared/notifications/opt-out-store';

/** The signed-in customer's own language (the language menu's save): `PATCH /api/me` with `language` alone. */
export const handler = httpRoute(
  portalRoute('putLanguage'),
  { auth: sessionAuth, stores: { ...stepStores, profiles: DynamoProfileStore, optOuts: DynamoTextOptOutStore }, ...customerPortalSchemas.putLanguage, aws: { queues: sqsQueues } },
  async ({ caller, body, deps }) => {
    const profile = await updateProfile(caller, { language: body.language }, { ...stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks }), profiles: deps.stores.profiles, optOuts: deps.stores.optOuts });
    const answer: PutLanguageResponse = { language: profile.customer.language! };
    return { status: 200, body: answer };
  },
);
