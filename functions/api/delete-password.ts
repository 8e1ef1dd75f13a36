import { customerPasswordSchemas } from '../../shared/contract/customer/password';
import { removePassword } from '../../shared/auth/password/manage';
import { stepDepsFrom } from '../../shared/steps/deps';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { stepStores } from '../wiring/step-stores';
import { DynamoPasswordStore } from '../../shared/auth/password/store';

/** Remove the password (sign-in by link from then on); every other session ends and the customer is told. */
export const handler = httpRoute(
  portalRoute('deletePassword'),
  { auth: sessionAuth, stores: { ...stepStores, passwords: DynamoPasswordStore }, ...customerPasswordSchemas.deletePassword, aws: { queues: sqsQueues } },
  async ({ caller, body, deps }) => ({
    status: 200,
    body: await removePassword(caller, body, { ...stepDepsFrom(deps.stores, deps.clock, { notifications: deps.queues.notifications }), passwords: deps.stores.passwords, random: deps.random }),
  }),
);
