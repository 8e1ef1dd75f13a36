import { customerFormSchemas } from '../../shared/contract/customer/forms';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { getCustomerForm } from '../../shared/forms/customer-forms';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoFormStore } from '../../shared/forms/store';

/** One form to fill (its version's fields and the saved draft) or as submitted; a form link opens its own only. */
export const handler = httpRoute(portalRoute('getForm'), { auth: customerAuth, stores: { directory: DynamoDirectoryStore, forms: DynamoFormStore }, ...customerFormSchemas.getForm, aws: { secrets: secretsManager } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await getCustomerForm(caller, path.sentFormId, { forms: deps.stores.forms }),
}));
