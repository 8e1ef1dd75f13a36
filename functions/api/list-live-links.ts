import { customerAccountSchemas, type LiveLinksResponse } from '../../shared/contract/customer/account';
import { listLiveLinks } from '../../shared/links/live-links';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoObjectLinkStore } from '../../shared/links/store';

/** The links that open something of the customer's without signing in, still live: kind, what, where sent (masked), until when. */
export const handler = httpRoute(portalRoute('listLiveLinks'), { auth: sessionAuth, stores: { links: DynamoObjectLinkStore }, ...customerAccountSchemas.listLiveLinks }, async ({ caller, deps }) => {
  const answer: LiveLinksResponse = { links: await listLiveLinks(caller, { links: deps.stores.links, clock: deps.clock }) };
  return { status: 200, body: answer };
});
