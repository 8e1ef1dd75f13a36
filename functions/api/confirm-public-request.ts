import { customerRequestSchemas } from '../../shared/contract/customer/requests';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { stepDepsFrom } from '../../shared/followups/step-deps';
import { confirmPublicRequest } from '../../shared/requests/public';
import { DynamoRequestStore } from '../../shared/requests/store';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';
import { stepStores } from '../wiring/step-stores';

/** The emailed link's token confirms a request from the website: the business sees it from then on (`request.created`). */
export const handler = httpRoute(
  portalRoute('confirmPublicRequest'),
  { auth: publicAuth, stores: { ...stepStores, requests: DynamoRequestStore }, ...customerRequestSchemas.confirmPublicRequest, aws: { queues: sqsQueues } },
  async ({ path, body, deps }) => ({
    status: 200,
    body: await confirmPublicRequest(path.slug, path.requestId, body.token, {
      directory: deps.stores.directory,
      requests: deps.stores.requests,
      clock: deps.clock,
      steps: stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks }),
    }),
  }),
);
