import { businessSchemas } from '../../shared/api/business-contract';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { mintFor } from '../../shared/kernel/ids';
import { routeByName } from '../../shared/routes';
import { trackingVisitView } from '../../shared/tracking/business-view';
import { startTracking } from '../../shared/tracking/visit';
import { httpRoute } from '../http/http-route';

/**
 * The technician sets off: starts the visit and sends the "on my way" link from the queue (201).
 * Starting the live visit again (200) keeps its link and sends nothing.
 */
export const handler = httpRoute(routeByName('startTracking'), { ...businessSchemas.startTracking, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const { visit, started } = await startTracking(caller.businessId, path.jobId, body, mintFor(attempt, deps), {
    jobs: deps.stores.jobs,
    directory: deps.stores.directory,
    tracking: deps.stores.tracking,
    notifications: deps.queues.notifications,
    clock: deps.clock,
  });
  return { status: started ? 201 : 200, body: trackingVisitView(visit, deps.clock.now()) };
});
