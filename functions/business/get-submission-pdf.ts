import { businessFormSchemas } from '../../shared/contract/business/forms';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { submissionPdf } from '../../shared/forms/form-pdf';
import { businessSubmission } from '../../shared/forms/submissions';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoFormStore } from '../../shared/forms/store';

/** A short-lived URL of the submission's PDF: the same file the customer downloads (rendered once). */
export const handler = httpRoute(businessRoute('getSubmissionPdf'), { auth: apiKeyAuth, stores: { forms: DynamoFormStore, directory: DynamoDirectoryStore }, ...businessFormSchemas.getSubmissionPdf, aws: { files: s3Files } }, async ({ caller, path, deps }) => {
  const submission = await businessSubmission(caller.businessId, path.submissionId, { forms: deps.stores.forms });
  return { status: 200, body: await submissionPdf(submission, { forms: deps.stores.forms, directory: deps.stores.directory, files: deps.files, clock: deps.clock }) };
});
