import { businessJobSchemas } from '../../shared/contract/business/jobs';
import { mintFor } from '../../shared/kernel/ids';
import { addNote } from '../../shared/jobs/notes-and-files';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoJobStore } from '../../shared/jobs/store';

export const handler = httpRoute(businessRoute('postNote'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, idempotency: DynamoBusinessApiStore, jobs: DynamoJobStore }, ...businessJobSchemas.postNote }, async ({ caller, path, body, attempt, deps }) => ({
  status: 201,
  body: await addNote(caller.businessId, path.jobId, body, mintFor(attempt, deps), { jobs: deps.stores.jobs, directory: deps.stores.directory }),
}));
