import { businessSchemas } from '../../shared/api/business-contract';
import { jobView } from '../../shared/business-api/views';
import { NotFound } from '../../shared/kernel/errors';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('getBusinessJob'), { ...businessSchemas.getBusinessJob }, async ({ caller, path, deps }) => {
  const job = await deps.stores.jobs.getJob(caller.businessId, path.jobId);
  if (!job) throw new NotFound(`There is no job ${path.jobId}.`);
  return { status: 200, body: jobView(job) };
});
