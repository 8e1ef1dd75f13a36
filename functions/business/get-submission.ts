import { businessFormSchemas } from '../../shared/contract/business/forms';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { getBusinessSubmission } from '../../shared/forms/submissions';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoFormStore } from '../../shared/forms/store';

/** One submission: its answers against the version filled, and a short-lived URL of each file. */
export const handler = httpRoute(businessRoute('getSubmission'), { auth: apiKeyAuth, stores: { forms: DynamoFormStore }, ...businessFormSchemas.getSubmission, aws: { files: s3Files } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await getBusinessSubmission(caller.businessId, path.submissionId, { forms: deps.stores.forms, files: deps.files, clock: deps.clock }),
}));
