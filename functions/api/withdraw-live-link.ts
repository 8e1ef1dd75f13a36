import { customerAccountSchemas } from '../../shared/contract/customer/account';
import { withdrawLiveLink } from '../../shared/links/live-links';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoObjectLinkStore } from '../../shared/links/store';

/** Withdraws one of the customer's live links (204): it fails on its next use. */
export const handler = httpRoute(portalRoute('withdrawLiveLink'), { auth: sessionAuth, stores: { links: DynamoObjectLinkStore }, ...customerAccountSchemas.withdrawLiveLink }, async ({ caller, path, deps }) => {
  await withdrawLiveLink(caller, path.linkId, { links: deps.stores.links, clock: deps.clock });
  return { status: 204 };
});
