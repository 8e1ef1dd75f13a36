import { businessTrackingSchemas } from '../../shared/contract/business/tracking';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { mintFor } from '../../shared/kernel/ids';
import { businessRoute } from '../../shared/routes/business';
import { trackingVisitView } from '../../shared/tracking/business-view';
import { startTracking } from '../../shared/tracking/visit';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoTrackingStore } from '../../shared/tracking/store';

/**
 * The technician sets off: starts the visit and sends the "on my way" link from the queue (201).
 * Starting the live visit again (200) keeps its link and sends nothing.
 */
export const handler = httpRoute(businessRoute('startTracking'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, idempotency: DynamoBusinessApiStore, jobs: DynamoJobStore, tracking: DynamoTrackingStore }, ...businessTrackingSchemas.startTracking, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const { visit, started } = await startTracking(caller.businessId, path.jobId, body, mintFor(attempt, deps), {
    jobs: deps.stores.jobs,
    directory: deps.stores.directory,
    tracking: deps.stores.tracking,
    notifications: deps.queues.notifications,
    clock: deps.clock,
  });
  return { status: started ? 201 : 200, body: trackingVisitView(visit, deps.clock.now()) };
});
