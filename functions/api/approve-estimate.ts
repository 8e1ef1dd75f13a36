import { customerEstimateSchemas } from '../../shared/contract/customer/estimates';
import { stepDepsFrom } from '../../shared/steps/deps';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { approveEstimate } from '../../shared/estimates/decide';
import { mintFor } from '../../shared/kernel/ids';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { decisionRequestOf } from '../http/decision-request';
import { customerAuth } from '../http/auth/customer';
import { stepStores } from '../wiring/step-stores';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** Approves one option with the signature the estimate asks for; of two approvals at once, one wins and the other gets 409. */
export const handler = httpRoute(
  portalRoute('approveEstimate'),
  { auth: customerAuth, stores: { ...stepStores, idempotency: DynamoBusinessApiStore }, ...customerEstimateSchemas.approveEstimate, aws: { secrets: secretsManager, queues: sqsQueues } },
  async ({ caller, path, body, attempt, clientIp, event, deps }) => ({
    status: 200,
    body: await approveEstimate(caller, path.estimateId, body, decisionRequestOf(caller, mintFor(attempt, deps).id('apr'), clientIp, event), stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks, notifications: deps.queues.notifications })),
  }),
);
