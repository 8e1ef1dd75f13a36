import { EstimatePath, ScheduleEstimateBody } from '../../shared/api/contract';
import { stepDepsFrom } from '../../shared/followups/step-deps';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { scheduleEstimate } from '../../shared/estimates/schedule';
import { mintFor } from '../../shared/kernel/ids';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Books one open slot for the approved estimate and puts the job under Upcoming; a slot taken meanwhile is 409 with the ones still open. */
export const handler = httpRoute(
  routeByName('scheduleEstimate'),
  { path: EstimatePath, body: ScheduleEstimateBody, aws: { secrets: secretsManager, queues: sqsQueues } },
  async ({ caller, path, body, attempt, deps }) => ({
    status: 200,
    body: await scheduleEstimate(caller, path.estimateId, body.slotId, mintFor(attempt, deps).id('bkg'), stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks })),
  }),
);
