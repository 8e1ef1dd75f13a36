import { customerFormSchemas } from '../../shared/contract/customer/forms';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { saveFormDraft } from '../../shared/forms/customer-forms';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoFormStore } from '../../shared/forms/store';

/** Saves what was typed so far (the last save wins), so the form resumes on any device; 409 once submitted. */
export const handler = httpRoute(portalRoute('saveFormDraft'), { auth: customerAuth, stores: { directory: DynamoDirectoryStore, forms: DynamoFormStore }, ...customerFormSchemas.saveFormDraft, aws: { secrets: secretsManager } }, async ({ caller, path, body, deps }) => ({
  status: 200,
  body: await saveFormDraft(caller, path.sentFormId, body, { forms: deps.stores.forms, clock: deps.clock }),
}));
