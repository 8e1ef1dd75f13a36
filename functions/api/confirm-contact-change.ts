import { customerProfileSchemas } from '../../shared/contract/customer/profile';
import { confirmContactChange } from '../../shared/account/contact-change';
import { finishProfileWrite } from '../../shared/account/profile';
import { stepDepsFrom } from '../../shared/steps/deps';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { stepStores } from '../wiring/step-stores';
import { DynamoProfileStore } from '../../shared/directory/profile-store';
import { DynamoTextOptOutStore } from '../../shared/notifications/opt-out-store';

/** The emailed link's token or the texted code: the address switches, the old one is told, the business hears it. */
export const handler = httpRoute(
  portalRoute('confirmContactChange'),
  { auth: sessionAuth, stores: { ...stepStores, profiles: DynamoProfileStore, optOuts: DynamoTextOptOutStore }, ...customerProfileSchemas.confirmContactChange, aws: { queues: sqsQueues } },
  async ({ caller, body, deps }) => {
    const stepDeps = { ...stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks, notifications: deps.queues.notifications }), profiles: deps.stores.profiles, optOuts: deps.stores.optOuts };
    const written = await confirmContactChange(caller, body, stepDeps);
    return { status: 200, body: await finishProfileWrite(caller, written, stepDeps) };
  },
);
