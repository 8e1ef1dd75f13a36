import * as v from 'valibot';
import { JobId } from '../../shared/api/contract';
import { getJob } from '../../shared/jobs/get-job';
import { httpRoute } from '../http/http-route';
import { s3Files } from '../runtime/aws-adapters/s3-files';

export const handler = httpRoute({ auth: 'session', path: v.object({ jobId: JobId }), adapters: { files: s3Files } }, async ({ session, path, runtime }) => ({
  status: 200,
  body: await getJob(session, path.jobId, { jobs: runtime.jobs, files: runtime.files, clock: runtime.clock }),
}));
