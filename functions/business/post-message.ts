import { businessMessageSchemas } from '../../shared/contract/business/messages';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { mintFor } from '../../shared/kernel/ids';
import { postBusinessMessage } from '../../shared/messages/messages';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoUnreadStore } from '../../shared/messages/unread-store';

/** The business writes to the customer about a job; they get an email or text with a link to it. */
export const handler = httpRoute(businessRoute('postBusinessMessage'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, idempotency: DynamoBusinessApiStore, jobs: DynamoJobStore, unread: DynamoUnreadStore }, ...businessMessageSchemas.postBusinessMessage, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const { message, notified } = await postBusinessMessage(caller.businessId, path.jobId, body, mintFor(attempt, deps), {
    jobs: deps.stores.jobs,
    unread: deps.stores.unread,
    directory: deps.stores.directory,
    notifications: deps.queues.notifications,
  });
  return { status: 201, body: { ...message, notified } };
});
