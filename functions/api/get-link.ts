import type { LinkResponse } from '../../shared/contract/customer/links';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { NotFound } from '../../shared/kernel/errors';
import { toPortalInfo } from '../../shared/directory/portal-info';
import { customerLanguageOf, noteBrowserLanguage } from '../../shared/directory/languages';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { linkAuth } from '../http/auth/link';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/**
 * What the link in the URL fragment opens, without using it: the link page names the right
 * business before anyone presses a button, and a mail scanner opening it changes nothing it
 * opens. It answers in the link customer's language, and notes the language their browser asks
 * for (for emails and texts), in a write sent beside the read: one round trip, as before.
 */
export const handler = httpRoute(portalRoute('getLink'), { auth: linkAuth, stores: { directory: DynamoDirectoryStore }, aws: { secrets: secretsManager } }, async ({ caller, event, deps }) => {
  const directory = deps.stores.directory;
  const [found] = await Promise.all([
    directory.getCustomerWithBusiness(caller.businessId, caller.customerId),
    noteBrowserLanguage(caller, event.headers?.['accept-language'], { directory, clock: deps.clock }),
  ]);
  if (!found) throw new NotFound('This link is not valid. Check that you opened the whole link from your email or text message.').saying('problems.link.invalid');
  const body: LinkResponse = {
    kind: caller.kind,
    ...(caller.kind !== 'sign-in' ? { id: caller.id } : {}),
    portal: toPortalInfo(found.business),
    language: customerLanguageOf(found.customer, found.business),
  };
  return { status: 200, body };
});
