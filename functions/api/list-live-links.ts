import { customerAccountSchemas, type LiveLinksResponse } from '../../shared/contract/customer/account';
import { listLiveLinks } from '../../shared/account/live-links';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoLiveLinkStore } from '../../shared/account/live-link-store';

/** The links that open something of the customer's without signing in, still live: kind, what, where sent (masked), until when. */
export const handler = httpRoute(portalRoute('listLiveLinks'), { auth: sessionAuth, stores: { liveLinks: DynamoLiveLinkStore }, ...customerAccountSchemas.listLiveLinks }, async ({ caller, deps }) => {
  const answer: LiveLinksResponse = { links: await listLiveLinks(caller, { liveLinks: deps.stores.liveLinks, clock: deps.clock }) };
  return { status: 200, body: answer };
});
