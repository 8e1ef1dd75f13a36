import { EstimatePath, ScheduleEstimateBody } from '../../shared/api/contract';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { scheduleEstimate } from '../../shared/estimates/schedule';
import { mintFor } from '../../shared/ids';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Books one open slot for the approved estimate and puts the job under Upcoming; a slot taken meanwhile is 409 with the ones still open. */
export const handler = httpRoute(
  routeByName('scheduleEstimate'),
  { path: EstimatePath, body: ScheduleEstimateBody, aws: { secrets: secretsManager, queues: sqsQueues } },
  async ({ caller, path, body, attempt, deps }) => ({
    status: 200,
    body: await scheduleEstimate(caller, path.estimateId, body.slotId, mintFor(attempt, deps).id('bkg'), {
      estimates: deps.stores.estimates,
      slots: deps.stores.slots,
      invoices: deps.stores.invoices,
      jobDocuments: deps.stores.jobDocuments,
      jobs: deps.stores.jobs,
      directory: deps.stores.directory,
      webhooks: deps.queues.webhooks,
      clock: deps.clock,
    }),
  }),
);
