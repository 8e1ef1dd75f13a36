import { customerFormSchemas } from '../../shared/contract/customer/forms';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sentFormFor, submittedSubmission } from '../../shared/forms/customer-forms';
import { submissionPdf } from '../../shared/forms/form-pdf';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoFormStore } from '../../shared/forms/store';

/** A short-lived URL of the submitted form's PDF (the business's copy is the same file); 404 before it is submitted. */
export const handler = httpRoute(portalRoute('getFormPdf'), { auth: customerAuth, stores: { directory: DynamoDirectoryStore, forms: DynamoFormStore }, ...customerFormSchemas.getFormPdf, aws: { secrets: secretsManager, files: s3Files } }, async ({ caller, path, deps }) => {
  const submission = await submittedSubmission(await sentFormFor(caller, path.sentFormId, { forms: deps.stores.forms }), { forms: deps.stores.forms });
  return { status: 200, body: await submissionPdf(submission, { forms: deps.stores.forms, directory: deps.stores.directory, files: deps.files, clock: deps.clock }) };
});
