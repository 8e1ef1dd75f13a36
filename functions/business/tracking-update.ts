import { businessTrackingSchemas } from '../../shared/contract/business/tracking';
import { businessRoute } from '../../shared/routes/business';
import { recordPosition } from '../../shared/tracking/visit';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoTrackingStore } from '../../shared/tracking/store';

/**
 * `tracking-update`: the technician's latest position, one conditional write. A fix older than
 * the stored one, or sent after arrival, is ignored (200, `applied: false`), so a retried or
 * reordered update never moves the marker backwards.
 */
export const handler = httpRoute(businessRoute('trackingUpdate'), { auth: apiKeyAuth, stores: { tracking: DynamoTrackingStore }, ...businessTrackingSchemas.trackingUpdate }, async ({ caller, path, body, deps }) => ({
  status: 200,
  body: { jobId: path.jobId, ...(await recordPosition(caller.businessId, path.jobId, body, { tracking: deps.stores.tracking, clock: deps.clock })) },
}));
