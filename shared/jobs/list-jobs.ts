import type { JobListResponse } from '../api/contract';
import { InvalidInput } from '../kernel/errors';
import type { Session } from '../auth/model';
import type { Clock } from '../kernel/types';
import type { JobStore } from './port';
import { jobSummaryEntity } from './entity';
import { decodeCursor, encodeCursor } from '../data/cursors';
import { toJobSummary } from './summary';

const badCursor = () => new InvalidInput([{ field: 'query.cursor', message: 'is not a valid cursor for this list; start again from the first page' }]);

/**
 * A page of the customer's jobs. The cursor holds the list it belongs to and the last sort key;
 * it is checked on the way back in (shape, list, and that it lies inside that list's range) and
 * only ever applied inside the session's own partition.
 */
export async function listJobs(
  session: Session,
  query: { when: 'upcoming' | 'past'; cursor?: string | undefined; limit: number },
  deps: { jobs: JobStore; clock: Clock },
): Promise<JobListResponse> {
  const now = deps.clock.now();
  const after = query.cursor ? decodeJobsCursor(query.cursor, query.when, now) : null;
  const page = await deps.jobs.listJobs(session.businessId, session.customerId, { when: query.when, now, limit: query.limit, after });
  return { items: page.items.map(toJobSummary), nextCursor: page.lastKey ? encodeCursor({ w: query.when, sk: page.lastKey }) : null };
}

function decodeJobsCursor(cursor: string, when: 'upcoming' | 'past', now: Date): string {
  const value = decodeCursor(cursor) as { w?: unknown; sk?: unknown } | null;
  const sk = value?.sk;
  if (value?.w !== when || typeof sk !== 'string' || !jobSummaryEntity.sortKeyPattern.test(sk)) throw badCursor();
  // Inside the range the query reads; otherwise DynamoDB would refuse the start key (a 500).
  const boundary = `${jobSummaryEntity.prefix}${now.toISOString()}`;
  if (when === 'upcoming' ? sk < boundary : sk > boundary) throw badCursor();
  return sk;
}
