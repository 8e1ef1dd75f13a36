import { businessJobSchemas } from '../../shared/contract/business/jobs';
import { jobView } from '../../shared/business-api/views';
import { NotFound } from '../../shared/kernel/errors';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoJobStore } from '../../shared/jobs/store';

export const handler = httpRoute(businessRoute('getBusinessJob'), { auth: apiKeyAuth, stores: { jobs: DynamoJobStore }, ...businessJobSchemas.getBusinessJob }, async ({ caller, path, deps }) => {
  const job = await deps.stores.jobs.getJob(caller.businessId, path.jobId);
  if (!job) throw new NotFound(`There is no job ${path.jobId}.`);
  return { status: 200, body: jobView(job) };
});
