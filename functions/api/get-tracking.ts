import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { portalRoute } from '../../shared/routes/portal';
import { straightLineEta } from '../../shared/tracking/eta';
import { etagOf, matchesIfNoneMatch, trackingView, visitForLink } from '../../shared/tracking/view';
import { noteBrowserLanguage } from '../../shared/directory/languages';
import { httpRoute } from '../http/http-route';
import { linkAuth } from '../http/auth/link';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoTrackingStore } from '../../shared/tracking/store';

/**
 * The tracking page's one call, polled every 15 s: who is coming, where and when, and what was
 * known of the customer's language when tracking started (copied into the visit, so a poll is
 * still one read). `If-None-Match` with the last `ETag` → 304 with no body. A read that changes
 * nothing it opens (a mail scanner opening the link uses nothing up). Over → 410. The first load
 * (no `If-None-Match` yet) notes the language the browser asks for, in a write beside the read.
 */
export const handler = httpRoute(portalRoute('getTracking'), { auth: linkAuth, stores: { tracking: DynamoTrackingStore, directory: DynamoDirectoryStore }, aws: { secrets: secretsManager } }, async ({ caller, event, deps }) => {
  const firstLoad = !event.headers?.['if-none-match'];
  const [visit] = await Promise.all([
    visitForLink(caller, { tracking: deps.stores.tracking, clock: deps.clock }),
    firstLoad && caller.kind === 'tracking' ? noteBrowserLanguage(caller, event.headers?.['accept-language'], { directory: deps.stores.directory, clock: deps.clock }) : undefined,
  ]);
  const view = await trackingView(visit, { eta: straightLineEta, mapTiles: deps.config.mapTiles });
  const etag = etagOf(view);
  // Still `no-store` (as every API answer): a position must not outlive the visit in a browser's
  // cache. The page keeps the last answer itself and sends its ETag.
  const headers = { etag };
  if (matchesIfNoneMatch(event.headers?.['if-none-match'], etag)) return { status: 304, headers };
  return { status: 200, headers, body: view };
});
