import { businessJobSchemas } from '../../shared/contract/business/jobs';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { mintFor } from '../../shared/kernel/ids';
import { startAttachment } from '../../shared/jobs/notes-and-files';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoJobStore } from '../../shared/jobs/store';

/** Step 1 of 2: an upload URL for exactly this file; step 2 is `POST …/attachments/{id}/complete`. */
export const handler = httpRoute(businessRoute('createAttachment'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, jobs: DynamoJobStore }, ...businessJobSchemas.createAttachment, aws: { files: s3Files } }, async ({ caller, path, body, attempt, deps }) => {
  const { attachment, upload } = await startAttachment(caller.businessId, path.jobId, body, mintFor(attempt, deps), { jobs: deps.stores.jobs, files: deps.files });
  const { fileKey: _key, ...view } = attachment;
  return { status: 201, body: { ...view, upload } };
});
