import { JobListQuery } from '../../shared/api/contract';
import { listJobs } from '../../shared/jobs/list-jobs';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute({ auth: 'session', query: JobListQuery }, async ({ session, query, runtime }) => ({
  status: 200,
  body: await listJobs(session, query, runtime),
}));
