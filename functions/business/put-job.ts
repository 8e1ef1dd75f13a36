import { businessJobSchemas } from '../../shared/contract/business/jobs';
import { jobView } from '../../shared/business-api/views';
import { upsertJob } from '../../shared/jobs/write-job';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoJobStore } from '../../shared/jobs/store';

/** Create or replace a job; a new schedule moves it in the customer's work history. */
export const handler = httpRoute(businessRoute('putJob'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, jobs: DynamoJobStore }, ...businessJobSchemas.putJob }, async ({ caller, path, body, deps }) => {
  const { job, created } = await upsertJob(caller.businessId, path.jobId, body, { jobs: deps.stores.jobs, directory: deps.stores.directory, clock: deps.clock });
  return { status: created ? 201 : 200, body: jobView(job) };
});
