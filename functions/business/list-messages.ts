import { businessSchemas } from '../../shared/api/business-contract';
import { decodeSectionCursor, encodeSectionCursor } from '../../shared/business-api/cursors';
import { jobParts } from '../../shared/data/entities/job';
import { NotFound } from '../../shared/domain/errors';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** A job's messages, newest first, both ways. */
export const handler = httpRoute(routeByName('listBusinessMessages'), { ...businessSchemas.listBusinessMessages }, async ({ caller, path, query, deps }) => {
  const after = query.cursor ? decodeSectionCursor(query.cursor, jobParts.messages.prefix) : null;
  const [job, page] = await Promise.all([
    deps.stores.jobs.getJob(caller.businessId, path.jobId),
    deps.stores.jobs.readSection(caller.businessId, path.jobId, 'messages', { limit: query.limit, after }),
  ]);
  if (!job) throw new NotFound(`There is no job ${path.jobId}.`);
  return { status: 200, body: { items: page.items, hasMore: page.lastKey !== null, nextCursor: page.lastKey ? encodeSectionCursor(page.lastKey) : null } };
});
