import { customerEstimateSchemas } from '../../shared/contract/customer/estimates';
import { stepDepsFrom } from '../../shared/steps/deps';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { scheduleEstimate } from '../../shared/estimates/schedule';
import { mintFor } from '../../shared/kernel/ids';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { stepStores } from '../wiring/step-stores';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** Books one open slot for the approved estimate and puts the job under Upcoming; a slot taken meanwhile is 409 with the ones still open. */
export const handler = httpRoute(
  portalRoute('scheduleEstimate'),
  { auth: customerAuth, stores: { ...stepStores, idempotency: DynamoBusinessApiStore }, ...customerEstimateSchemas.scheduleEstimate, aws: { secrets: secretsManager, queues: sqsQueues } },
  async ({ caller, path, body, attempt, deps }) => ({
    status: 200,
    body: await scheduleEstimate(caller, path.estimateId, body.slotId, mintFor(attempt, deps).id('bkg'), stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks, notifications: deps.queues.notifications })),
  }),
);
