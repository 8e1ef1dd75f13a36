import * as v from 'valibot';
import { JobId } from '../../shared/api/contract';
import { getJob } from '../../shared/jobs/get-job';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute({ auth: 'session', path: v.object({ jobId: JobId }) }, async ({ session, path, runtime }) => ({
  status: 200,
  body: await getJob(session, path.jobId, { jobs: runtime.jobs, files: runtime.files, clock: runtime.clock }),
}));
