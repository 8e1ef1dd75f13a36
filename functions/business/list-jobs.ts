import { businessSchemas } from '../../shared/api/business-contract';
import { listChanged } from '../../shared/data/cursors';
import { jobView } from '../../shared/business-api/views';
import { jobEntity } from '../../shared/jobs/entity';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Jobs changed at or after `updatedSince`, oldest change first. */
export const handler = httpRoute(routeByName('listBusinessJobs'), { ...businessSchemas.listBusinessJobs }, async ({ caller, query, deps }) => {
  const page = await listChanged(query, jobEntity.changesPartition(caller.businessId), (q) => deps.stores.jobs.listJobsChangedSince(caller.businessId, q));
  return { status: 200, body: { ...page, items: page.items.map(jobView) } };
});
