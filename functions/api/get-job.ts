import { customerJobSchemas } from '../../shared/contract/customer/jobs';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { getJob } from '../../shared/job-pages/get-job';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { messagesShownTo } from '../http/section-gate';
import { sessionAuth } from '../http/auth/session';
import { DynamoJobDocumentStore } from '../../shared/job-pages/document-store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoUnreadStore } from '../../shared/messages/unread-store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

export const handler = httpRoute(portalRoute('getJob'), { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, jobDocuments: DynamoJobDocumentStore, jobs: DynamoJobStore, unread: DynamoUnreadStore }, ...customerJobSchemas.getJob, aws: { files: s3Files } }, async ({ caller, path, event, deps }) => ({
  status: 200,
  body: await getJob(caller, path.jobId, { jobs: deps.stores.jobs, jobDocuments: deps.stores.jobDocuments, unread: deps.stores.unread, files: deps.files, clock: deps.clock }, messagesShownTo(event)),
}));
