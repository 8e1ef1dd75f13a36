import { customerTrackingSchemas } from '../../shared/contract/customer/tracking';
import { portalRoute } from '../../shared/routes/portal';
import { straightLineEta } from '../../shared/tracking/eta';
import { etagOf, matchesIfNoneMatch, trackingView, visitForCustomer } from '../../shared/tracking/view';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoTrackingStore } from '../../shared/tracking/store';

/**
 * The tracking page for a signed-in customer (opened from Home): the same view and ETag/304 as
 * `GET /api/tracking` with a link, for the live visit to one of their own jobs. 410 once it is over.
 */
export const handler = httpRoute(portalRoute('getJobTracking'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, tracking: DynamoTrackingStore }, ...customerTrackingSchemas.getJobTracking }, async ({ caller, path, event, deps }) => {
  const visit = await visitForCustomer(caller, path.jobId, { tracking: deps.stores.tracking, clock: deps.clock });
  const view = await trackingView(visit, { eta: straightLineEta, mapTiles: deps.config.mapTiles });
  const etag = etagOf(view);
  const headers = { etag };
  if (matchesIfNoneMatch(event.headers?.['if-none-match'], etag)) return { status: 304, headers };
  return { status: 200, headers, body: view };
});
