import { businessSchemas } from '../../shared/api/business-contract';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { mintFor } from '../../shared/kernel/ids';
import { startAttachment } from '../../shared/jobs/notes-and-files';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Step 1 of 2: an upload URL for exactly this file; step 2 is `POST …/attachments/{id}/complete`. */
export const handler = httpRoute(routeByName('createAttachment'), { ...businessSchemas.createAttachment, aws: { files: s3Files } }, async ({ caller, path, body, attempt, deps }) => {
  const { attachment, upload } = await startAttachment(caller.businessId, path.jobId, body, mintFor(attempt, deps), { jobs: deps.stores.jobs, files: deps.files });
  const { fileKey: _key, ...view } = attachment;
  return { status: 201, body: { ...view, upload } };
});
