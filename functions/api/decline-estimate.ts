import { customerEstimateSchemas } from '../../shared/contract/customer/estimates';
import { stepDepsFrom } from '../../shared/steps/deps';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { declineEstimate } from '../../shared/estimates/decide';
import { mintFor } from '../../shared/kernel/ids';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { decisionRequestOf } from '../http/decision-request';
import { customerAuth } from '../http/auth/customer';
import { stepStores } from '../wiring/step-stores';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** Declines the estimate (with an optional reason); a decided one answers 409. */
export const handler = httpRoute(
  portalRoute('declineEstimate'),
  { auth: customerAuth, stores: { ...stepStores, idempotency: DynamoBusinessApiStore }, ...customerEstimateSchemas.declineEstimate, aws: { secrets: secretsManager, queues: sqsQueues } },
  async ({ caller, path, body, attempt, clientIp, event, deps }) => ({
    status: 200,
    body: await declineEstimate(caller, path.estimateId, body, decisionRequestOf(caller, mintFor(attempt, deps).id('dcl'), clientIp, event), stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks })),
  }),
);
