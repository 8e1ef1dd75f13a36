import { customerJobSchemas } from '../../shared/contract/customer/jobs';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { listJobSection } from '../../shared/job-pages/get-job';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { messagesShownTo } from '../http/section-gate';
import { NotFound } from '../../shared/kernel/errors';
import { sessionAuth } from '../http/auth/session';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** Older messages, notes, attachments or payments of a job, a page at a time. */
export const handler = httpRoute(
  portalRoute('listJobSection'),
  { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, jobs: DynamoJobStore }, ...customerJobSchemas.listJobSection, aws: { files: s3Files } },
  async ({ caller, path, query, event, deps }) => {
    const [page, shown] = await Promise.all([
      listJobSection(caller, path.jobId, path.section, query, { jobs: deps.stores.jobs, files: deps.files, clock: deps.clock }),
      path.section === 'messages' ? messagesShownTo(event) : true,
    ]);
    // Messages are a section of their own: hidden, their pages are not there either.
    if (shown === false) throw new NotFound();
    return { status: 200, body: page };
  },
);
