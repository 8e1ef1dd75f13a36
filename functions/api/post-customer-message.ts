import { customerMessageSchemas } from '../../shared/contract/customer/messages';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { mintFor } from '../../shared/kernel/ids';
import { postCustomerMessage } from '../../shared/messages/messages';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoJobStore } from '../../shared/jobs/store';

/** The customer answers on the job page; the business hears of it through its webhook. */
export const handler = httpRoute(
  portalRoute('postCustomerMessage'),
  { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, idempotency: DynamoBusinessApiStore, jobs: DynamoJobStore }, ...customerMessageSchemas.postCustomerMessage, aws: { queues: sqsQueues } },
  async ({ caller, path, body, attempt, deps }) => ({
    status: 201,
    body: await postCustomerMessage(caller, path.jobId, body.text, mintFor(attempt, deps), {
      jobs: deps.stores.jobs,
      directory: deps.stores.directory,
      webhooks: deps.queues.webhooks,
    }),
  }),
);
