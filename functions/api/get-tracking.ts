import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { routeByName } from '../../shared/routes';
import { straightLineEta } from '../../shared/tracking/eta';
import { etagOf, matchesIfNoneMatch, trackingView, visitForLink } from '../../shared/tracking/view';
import { httpRoute } from '../http/http-route';
import { linkAuth } from '../http/auth/link';
import { DynamoTrackingStore } from '../../shared/tracking/store';

/**
 * The tracking page's one call, polled every 15 s: who is coming, where and when. One read of
 * the visit; `If-None-Match` with the last `ETag` → 304 with no body. A read that changes
 * nothing (a mail scanner opening the link uses nothing up). Over → 410.
 */
export const handler = httpRoute(routeByName('getTracking'), { auth: linkAuth, stores: { tracking: DynamoTrackingStore }, aws: { secrets: secretsManager } }, async ({ caller, event, deps }) => {
  const visit = await visitForLink(caller, { tracking: deps.stores.tracking, clock: deps.clock });
  const view = await trackingView(visit, { eta: straightLineEta, mapTiles: deps.config.mapTiles });
  const etag = etagOf(view);
  // Still `no-store` (as every API answer): a position must not outlive the visit in a browser's
  // cache. The page keeps the last answer itself and sends its ETag.
  const headers = { etag };
  if (matchesIfNoneMatch(event.headers?.['if-none-match'], etag)) return { status: 304, headers };
  return { status: 200, headers, body: view };
});
