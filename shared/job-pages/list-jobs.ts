import type { Session } from '../auth/model';
import type { Clock } from '../kernel/types';
import type { JobStore } from '../jobs/port';
import type { UnreadStore } from '../messages/port';
import type { JobListResponse } from '../contract/customer/jobs';
import { toJobSummary } from '../jobs/summary';

/**
 * A page of the customer's jobs. The store checks the cursor on the way back in (shape, list,
 * and that it lies inside that list's range) and only ever applies it inside the session's own
 * partition.
 */
export async function listJobs(
  session: Session,
  query: { when: 'upcoming' | 'past'; cursor?: string | undefined; limit: number },
  deps: { jobs: JobStore; unread: UnreadStore; clock: Clock },
): Promise<JobListResponse> {
  const [page, unread] = await Promise.all([
    deps.jobs.listJobs(session.businessId, session.customerId, { when: query.when, now: deps.clock.now(), limit: query.limit, cursor: query.cursor ?? null }),
    deps.unread.unreadJobs(session.businessId, session.customerId),
  ]);
  const counts = new Map(unread.map((u) => [u.jobId, u.count]));
  return { items: page.items.map((s) => ({ ...toJobSummary(s), unreadMessages: counts.get(s.jobId) ?? 0 })), nextCursor: page.nextCursor };
}
