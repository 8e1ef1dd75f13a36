import type { LinkResponse } from '../../shared/api/contract';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { NotFound } from '../../shared/kernel/errors';
import { toPortalInfo } from '../../shared/directory/portal-info';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/**
 * What the link in the URL fragment opens, without using it: the link page names the right
 * business before anyone presses a button, and a mail scanner opening it changes nothing.
 */
export const handler = httpRoute(routeByName('getLink'), { aws: { secrets: secretsManager } }, async ({ caller, deps }) => {
  const business = await deps.stores.directory.getBusiness(caller.businessId);
  if (!business) throw new NotFound('This link is not valid.');
  const body: LinkResponse = { kind: caller.kind, ...(caller.kind !== 'sign-in' ? { id: caller.id } : {}), portal: toPortalInfo(business) };
  return { status: 200, body };
});
