import type { JobListResponse } from '../api/contract';
import { InvalidInput } from '../domain/errors';
import type { Session } from '../domain/model';
import type { Clock, JobStore } from '../domain/ports';
import { jobSummarySortKeyPattern } from '../data/keys';

/**
 * A page of the customer's jobs. The cursor is the last sort key, base64url-encoded: opaque to
 * clients, checked on the way back in, and only ever applied inside the session's own partition.
 */
export async function listJobs(
  session: Session,
  query: { when: 'upcoming' | 'past'; cursor?: string | undefined; limit: number },
  deps: { jobs: JobStore; clock: Clock },
): Promise<JobListResponse> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const page = await deps.jobs.listJobs(session.businessId, session.customerId, {
    when: query.when,
    now: deps.clock.now(),
    limit: query.limit,
    after,
  });
  return { items: page.items, nextCursor: page.lastKey ? Buffer.from(page.lastKey, 'utf8').toString('base64url') : null };
}

function decodeCursor(cursor: string): string {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!jobSummarySortKeyPattern.test(sortKey)) {
    throw new InvalidInput([{ field: 'cursor', message: 'is not a valid cursor; start again from the first page' }]);
  }
  return sortKey;
}
