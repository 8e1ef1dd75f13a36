import { customerJobSchemas } from '../../shared/contract/customer/jobs';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { getJob } from '../../shared/jobs/get-job';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('getJob'), { ...customerJobSchemas.getJob, aws: { files: s3Files } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await getJob(caller, path.jobId, { jobs: deps.stores.jobs, jobDocuments: deps.stores.jobDocuments, files: deps.files, clock: deps.clock }),
}));
