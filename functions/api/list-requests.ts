import { customerRequestSchemas, type KnownAddress, type RequestList } from '../../shared/contract/customer/requests';
import { customerRequestSummary } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';

/** The customer's requests, newest first, with the addresses the form offers (from their jobs): two Queries side by side. */
export const handler = httpRoute(
  portalRoute('listRequests'),
  { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, requests: DynamoRequestStore, jobs: DynamoJobStore }, ...customerRequestSchemas.listRequests },
  async ({ caller, query, deps }) => {
    const now = deps.clock.now();
    const [page, upcoming, past] = await Promise.all([
      deps.stores.requests.listCustomerRequests(caller.businessId, caller.customerId, { limit: query.limit, cursor: query.cursor ?? null }),
      deps.stores.jobs.listJobs(caller.businessId, caller.customerId, { when: 'upcoming', now, limit: 25, cursor: null }),
      deps.stores.jobs.listJobs(caller.businessId, caller.customerId, { when: 'past', now, limit: 25, cursor: null }),
    ]);
    const addresses = new Map<string, KnownAddress>();
    for (const job of [...upcoming.items, ...past.items]) if (!addresses.has(job.addressLine)) addresses.set(job.addressLine, { jobId: job.jobId, line: job.addressLine });
    const body: RequestList = { items: page.items.map(customerRequestSummary), nextCursor: page.nextCursor, addresses: [...addresses.values()] };
    return { status: 200, body };
  },
);
