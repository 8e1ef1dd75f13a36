import { businessFormSchemas } from '../../shared/contract/business/forms';
import { upsertForm } from '../../shared/forms/templates';
import { businessFormView } from '../../shared/forms/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoFormStore } from '../../shared/forms/store';

/** Create or replace a form template; a changed definition makes a new version (what was submitted keeps its own). */
export const handler = httpRoute(businessRoute('putForm'), { auth: apiKeyAuth, stores: { forms: DynamoFormStore }, ...businessFormSchemas.putForm }, async ({ caller, path, body, deps }) => {
  const { form, created } = await upsertForm(caller.businessId, path.formId, body, { forms: deps.stores.forms, clock: deps.clock });
  return { status: created ? 201 : 200, body: businessFormView(form) };
});
