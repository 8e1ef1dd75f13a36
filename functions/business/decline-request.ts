import { businessRequestSchemas } from '../../shared/contract/business/requests';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { stepDepsFrom } from '../../shared/steps/deps';
import { declineRequest } from '../../shared/requests/decide';
import { businessRequestView } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { stepStores } from '../wiring/step-stores';

/** Declines a new request with a reason the customer reads (409 once withdrawn or scheduled). */
export const handler = httpRoute(
  businessRoute('declineRequest'),
  { auth: apiKeyAuth, stores: { ...stepStores, idempotency: DynamoBusinessApiStore, requests: DynamoRequestStore }, ...businessRequestSchemas.declineRequest, aws: { queues: sqsQueues } },
  async ({ caller, path, body, deps }) => ({
    status: 200,
    body: businessRequestView(
      await declineRequest(caller.businessId, path.requestId, body.reason, {
        requests: deps.stores.requests,
        clock: deps.clock,
        steps: stepDepsFrom(deps.stores, deps.clock, { notifications: deps.queues.notifications }),
      }),
    ),
  }),
);
