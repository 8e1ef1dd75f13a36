import { customerPortalSchemas, type PutLanguageResponse } from '../../shared/contract/customer/portal';
import { chooseLanguage } from '../../shared/directory/languages';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** The signed-in customer's own language: saved on their record, so every page and message follows it. */
export const handler = httpRoute(portalRoute('putLanguage'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore }, ...customerPortalSchemas.putLanguage }, async ({ caller, body, deps }) => {
  const answer: PutLanguageResponse = { language: await chooseLanguage(caller, body.language, { directory: deps.stores.directory, clock: deps.clock }) };
  return { status: 200, body: answer };
});
