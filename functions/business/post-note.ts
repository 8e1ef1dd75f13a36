import { businessSchemas } from '../../shared/api/business-contract';
import { mintFor } from '../../shared/kernel/ids';
import { addNote } from '../../shared/jobs/notes-and-files';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

export const handler = httpRoute(routeByName('postNote'), { ...businessSchemas.postNote }, async ({ caller, path, body, attempt, deps }) => ({
  status: 201,
  body: await addNote(caller.businessId, path.jobId, body, mintFor(attempt, deps), { jobs: deps.stores.jobs, directory: deps.stores.directory }),
}));
