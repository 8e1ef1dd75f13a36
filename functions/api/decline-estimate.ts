import { DeclineEstimateBody, EstimatePath } from '../../shared/api/contract';
import { stepDepsFrom } from '../../shared/followups/step-deps';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { declineEstimate } from '../../shared/estimates/decide';
import { mintFor } from '../../shared/kernel/ids';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';
import { decisionRequestOf } from '../http/decision-request';

/** Declines the estimate (with an optional reason); a decided one answers 409. */
export const handler = httpRoute(
  routeByName('declineEstimate'),
  { path: EstimatePath, body: DeclineEstimateBody, aws: { secrets: secretsManager, queues: sqsQueues } },
  async ({ caller, path, body, attempt, clientIp, event, deps }) => ({
    status: 200,
    body: await declineEstimate(caller, path.estimateId, body, decisionRequestOf(caller, mintFor(attempt, deps).id('dcl'), clientIp, event), stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks })),
  }),
);
