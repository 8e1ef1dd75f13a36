import { customerUploadSchemas } from '../../shared/contract/customer/uploads';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { mintFor } from '../../shared/kernel/ids';
import { startUpload } from '../../shared/uploads/start-upload';
import { portalRoute } from '../../shared/routes/portal';
import { rateLimitSubject } from '../http/client-ip';
import { httpRoute } from '../http/http-route';
import { visitorAuth } from '../http/auth/visitor';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoUploadStore } from '../../shared/uploads/store';

/** Step 1 of 2: a presigned POST for exactly this file; step 2 is `POST /api/uploads/{id}/complete`. */
export const handler = httpRoute(
  portalRoute('createUpload'),
  {
    auth: visitorAuth,
    stores: { uploads: DynamoUploadStore, auth: DynamoAuthStore, directory: DynamoDirectoryStore },
    ...customerUploadSchemas.createUpload,
    aws: { files: s3Files, secrets: secretsManager },
  },
  async ({ caller, body, clientIp, deps }) => ({
    status: 201,
    body: await startUpload(caller, body, clientIp ? rateLimitSubject(clientIp) : null, mintFor(null, deps), {
      uploads: deps.stores.uploads, rateLimits: deps.stores.auth, directory: deps.stores.directory, files: deps.files, random: deps.random,
    }),
  }),
);
