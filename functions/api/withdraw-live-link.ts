import { customerAccountSchemas } from '../../shared/contract/customer/account';
import { withdrawLiveLink } from '../../shared/account/live-links';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoLiveLinkStore } from '../../shared/account/live-link-store';

/** Withdraws one of the customer's live links (204): it fails on its next use. */
export const handler = httpRoute(portalRoute('withdrawLiveLink'), { auth: sessionAuth, stores: { liveLinks: DynamoLiveLinkStore }, ...customerAccountSchemas.withdrawLiveLink }, async ({ caller, path, deps }) => {
  await withdrawLiveLink(caller, path.linkId, { liveLinks: deps.stores.liveLinks, clock: deps.clock });
  return { status: 204 };
});
