import { businessTrackingSchemas } from '../../shared/contract/business/tracking';
import { businessRoute } from '../../shared/routes/business';
import { trackingVisitView } from '../../shared/tracking/business-view';
import { markArrived } from '../../shared/tracking/visit';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoTrackingStore } from '../../shared/tracking/store';

/** The technician is there: the page says so and shows no position from now on. */
export const handler = httpRoute(businessRoute('markTrackingArrived'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, tracking: DynamoTrackingStore }, ...businessTrackingSchemas.markTrackingArrived }, async ({ caller, path, deps }) => ({
  status: 200,
  body: trackingVisitView(await markArrived(caller.businessId, path.jobId, { tracking: deps.stores.tracking, clock: deps.clock }), deps.clock.now()),
}));
