import { businessSchemas } from '../../shared/api/business-contract';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { mintFor } from '../../shared/kernel/ids';
import { postBusinessMessage } from '../../shared/messages/messages';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** The business writes to the customer about a job; they get an email or text with a link to it. */
export const handler = httpRoute(routeByName('postBusinessMessage'), { ...businessSchemas.postBusinessMessage, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const { message, notified } = await postBusinessMessage(caller.businessId, path.jobId, body, mintFor(attempt, deps), {
    jobs: deps.stores.jobs,
    directory: deps.stores.directory,
    notifications: deps.queues.notifications,
  });
  return { status: 201, body: { ...message, notified } };
});
