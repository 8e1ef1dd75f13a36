import * as v from 'valibot';
import { JobId, PostMessageRequest } from '../../shared/api/contract';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { mintFor } from '../../shared/kernel/ids';
import { postCustomerMessage } from '../../shared/messages/messages';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** The customer answers on the job page; the business hears of it through its webhook. */
export const handler = httpRoute(
  routeByName('postCustomerMessage'),
  { path: v.strictObject({ jobId: JobId }), body: PostMessageRequest, aws: { queues: sqsQueues } },
  async ({ caller, path, body, attempt, deps }) => ({
    status: 201,
    body: await postCustomerMessage(caller, path.jobId, body.text, mintFor(attempt, deps), {
      jobs: deps.stores.jobs,
      directory: deps.stores.directory,
      webhooks: deps.queues.webhooks,
    }),
  }),
);
