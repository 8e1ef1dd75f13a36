import { customerJobSchemas } from '../../shared/contract/customer/jobs';
import { listJobs } from '../../shared/job-pages/list-jobs';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoUnreadStore } from '../../shared/messages/unread-store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

export const handler = httpRoute(portalRoute('listJobs'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, jobs: DynamoJobStore, unread: DynamoUnreadStore }, ...customerJobSchemas.listJobs }, async ({ caller, query, deps }) => ({
  status: 200,
  body: await listJobs(caller, query, { jobs: deps.stores.jobs, unread: deps.stores.unread, clock: deps.clock }),
}));
