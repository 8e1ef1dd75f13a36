import { businessJobSchemas } from '../../shared/contract/business/jobs';
import { changesQueryOf, listResponseOf, jobView } from '../../shared/business-api/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoJobStore } from '../../shared/jobs/store';

/** Jobs changed at or after `updatedSince`, oldest change first. */
export const handler = httpRoute(businessRoute('listBusinessJobs'), { auth: apiKeyAuth, stores: { jobs: DynamoJobStore }, ...businessJobSchemas.listBusinessJobs }, async ({ caller, query, deps }) => {
  const page = await deps.stores.jobs.listJobsChangedSince(caller.businessId, changesQueryOf(query));
  return { status: 200, body: listResponseOf(page, jobView) };
});
