import { customerFormSchemas } from '../../shared/contract/customer/forms';
import { listCustomerForms } from '../../shared/forms/customer-forms';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoFormStore } from '../../shared/forms/store';

/** The signed-in customer's forms to fill (the default; newest sent first) or submitted ones (newest first). */
export const handler = httpRoute(portalRoute('listForms'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, forms: DynamoFormStore }, ...customerFormSchemas.listForms }, async ({ caller, query, deps }) => ({
  status: 200,
  body: await listCustomerForms(caller, query, { forms: deps.stores.forms }),
}));
