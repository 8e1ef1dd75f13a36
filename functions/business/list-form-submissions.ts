import { businessFormSchemas } from '../../shared/contract/business/forms';
import { listFormSubmissions } from '../../shared/forms/submissions';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoFormStore } from '../../shared/forms/store';

/** A form's submissions, newest first, with their answers (files by name; `GET submissions/{id}` gives their URLs). */
export const handler = httpRoute(businessRoute('listFormSubmissions'), { auth: apiKeyAuth, stores: { forms: DynamoFormStore }, ...businessFormSchemas.listFormSubmissions }, async ({ caller, path, query, deps }) => ({
  status: 200,
  body: await listFormSubmissions(caller.businessId, path.formId, query, { forms: deps.stores.forms }),
}));
