import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { routeByName } from '../../shared/routes';
import { straightLineEta } from '../../shared/tracking/eta';
import { etagOf, matchesIfNoneMatch, trackingView, visitForLink } from '../../shared/tracking/view';
import { customerLanguageOf, noteBrowserLanguage } from '../../shared/directory/languages';
import { DEFAULT_LANGUAGE } from '../../shared/contract/i18n/languages';
import { httpRoute } from '../http/http-route';
import { linkAuth } from '../http/auth/link';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoTrackingStore } from '../../shared/tracking/store';

/**
 * The tracking page's one call, polled every 15 s: who is coming, where and when, and what is
 * known of the customer's language. The visit and the customer with their business are read
 * together (one round trip); `If-None-Match` with the last `ETag` → 304 with no body. A read that
 * changes nothing it opens (a mail scanner opening the link uses nothing up). Over → 410. The
 * first load (no `If-None-Match` yet) notes the language the browser asks for, beside the reads.
 */
export const handler = httpRoute(routeByName('getTracking'), { auth: linkAuth, stores: { tracking: DynamoTrackingStore, directory: DynamoDirectoryStore }, aws: { secrets: secretsManager } }, async ({ caller, event, deps }) => {
  const directory = deps.stores.directory;
  const firstLoad = !event.headers?.['if-none-match'];
  const [visit, found] = await Promise.all([
    visitForLink(caller, { tracking: deps.stores.tracking, clock: deps.clock }),
    directory.getCustomerWithBusiness(caller.businessId, caller.customerId),
    firstLoad && caller.kind === 'tracking' ? noteBrowserLanguage(caller, event.headers?.['accept-language'], { directory, clock: deps.clock }) : undefined,
  ]);
  const language = found ? customerLanguageOf(found.customer, found.business) : { business: DEFAULT_LANGUAGE };
  const view = await trackingView(visit, { eta: straightLineEta, mapTiles: deps.config.mapTiles, language });
  const etag = etagOf(view);
  // Still `no-store` (as every API answer): a position must not outlive the visit in a browser's
  // cache. The page keeps the last answer itself and sends its ETag.
  const headers = { etag };
  if (matchesIfNoneMatch(event.headers?.['if-none-match'], etag)) return { status: 304, headers };
  return { status: 200, headers, body: view };
});
