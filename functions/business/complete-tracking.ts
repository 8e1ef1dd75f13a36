import { businessTrackingSchemas } from '../../shared/contract/business/tracking';
import { businessRoute } from '../../shared/routes/business';
import { trackingVisitView } from '../../shared/tracking/business-view';
import { completeVisit } from '../../shared/tracking/visit';
import { httpRoute } from '../http/http-route';
import { stepDepsFrom } from '../../shared/steps/deps';
import { apiKeyAuth } from '../http/auth/api-key';
import { stepStores } from '../wiring/step-stores';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** The visit is over: the position is deleted and the link answers "this visit is over" (410). */
export const handler = httpRoute(businessRoute('completeTracking'), { auth: apiKeyAuth, stores: { ...stepStores, idempotency: DynamoBusinessApiStore }, ...businessTrackingSchemas.completeTracking }, async ({ caller, path, deps }) => ({
  status: 200,
  body: trackingVisitView(await completeVisit(caller.businessId, path.jobId, stepDepsFrom(deps.stores, deps.clock)), deps.clock.now()),
}));
