import { businessMessageSchemas } from '../../shared/contract/business/messages';
import { NotFound } from '../../shared/kernel/errors';
import { readJobSection } from '../../shared/job-pages/get-job';
import { listResponseOf } from '../../shared/business-api/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoJobStore } from '../../shared/jobs/store';

/** A job's messages, newest first, both ways. */
export const handler = httpRoute(businessRoute('listBusinessMessages'), { auth: apiKeyAuth, stores: { jobs: DynamoJobStore }, ...businessMessageSchemas.listBusinessMessages }, async ({ caller, path, query, deps }) => {
  const { job, page } = await readJobSection(caller.businessId, path.jobId, 'messages', query, { jobs: deps.stores.jobs });
  if (!job) throw new NotFound(`There is no job ${path.jobId}.`);
  return { status: 200, body: listResponseOf(page, (message) => message) };
});
