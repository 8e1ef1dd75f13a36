import type { Session } from '../auth/model';
import type { Clock } from '../kernel/types';
import type { JobStore } from './port';
import type { JobListResponse } from '../contract/customer/jobs';
import { toJobSummary } from './summary';

/**
 * A page of the customer's jobs. The store checks the cursor on the way back in (shape, list,
 * and that it lies inside that list's range) and only ever applies it inside the session's own
 * partition.
 */
export async function listJobs(
  session: Session,
  query: { when: 'upcoming' | 'past'; cursor?: string | undefined; limit: number },
  deps: { jobs: JobStore; clock: Clock },
): Promise<JobListResponse> {
  const page = await deps.jobs.listJobs(session.businessId, session.customerId, { when: query.when, now: deps.clock.now(), limit: query.limit, cursor: query.cursor ?? null });
  return { items: page.items.map(toJobSummary), nextCursor: page.nextCursor };
}
