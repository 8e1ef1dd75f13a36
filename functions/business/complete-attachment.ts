import { businessJobSchemas } from '../../shared/contract/business/jobs';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { completeAttachment } from '../../shared/jobs/notes-and-files';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoJobStore } from '../../shared/jobs/store';

/** Step 2 of 2: checks the upload arrived whole, then shows the attachment to the customer. */
export const handler = httpRoute(businessRoute('completeAttachment'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, jobs: DynamoJobStore }, ...businessJobSchemas.completeAttachment, aws: { files: s3Files } }, async ({ caller, path, deps }) => {
  const { fileKey: _key, ...view } = await completeAttachment(caller.businessId, path.jobId, path.attachmentId, { jobs: deps.stores.jobs, files: deps.files, clock: deps.clock });
  return { status: 200, body: view };
});
