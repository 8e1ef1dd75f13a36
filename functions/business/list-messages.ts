import { businessSchemas } from '../../shared/api/business-contract';
import { encodeSectionCursor } from '../../shared/data/cursors';
import { NotFound } from '../../shared/kernel/errors';
import { readJobSection } from '../../shared/jobs/get-job';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** A job's messages, newest first, both ways. */
export const handler = httpRoute(routeByName('listBusinessMessages'), { ...businessSchemas.listBusinessMessages }, async ({ caller, path, query, deps }) => {
  const { job, page } = await readJobSection(caller.businessId, path.jobId, 'messages', query, { jobs: deps.stores.jobs });
  if (!job) throw new NotFound(`There is no job ${path.jobId}.`);
  return { status: 200, body: { items: page.items, hasMore: page.lastKey !== null, nextCursor: page.lastKey ? encodeSectionCursor(page.lastKey) : null } };
});
