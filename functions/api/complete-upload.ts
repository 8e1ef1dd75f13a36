import { customerUploadSchemas } from '../../shared/contract/customer/uploads';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { completeUpload } from '../../shared/uploads/complete-upload';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { visitorAuth } from '../http/auth/visitor';
import { DynamoUploadStore } from '../../shared/uploads/store';

/** Step 2 of 2: the first bytes must be the declared type; a file that is not is thrown away (400 naming `file`). */
export const handler = httpRoute(
  portalRoute('completeUpload'),
  { auth: visitorAuth, stores: { uploads: DynamoUploadStore }, ...customerUploadSchemas.completeUpload, aws: { files: s3Files, secrets: secretsManager } },
  async ({ caller, path, body, deps }) => ({ status: 200, body: await completeUpload(caller, path.uploadId, body.claimToken, { uploads: deps.stores.uploads, files: deps.files }) }),
);
