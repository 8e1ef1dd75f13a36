import { businessRequestSchemas } from '../../shared/contract/business/requests';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { stepDepsFrom } from '../../shared/steps/deps';
import { scheduleRequest } from '../../shared/requests/decide';
import { businessRequestView } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { stepStores } from '../wiring/step-stores';

/** Links the job a new request became; the customer sees it and is told (409 once withdrawn or decided otherwise). */
export const handler = httpRoute(
  businessRoute('scheduleRequest'),
  { auth: apiKeyAuth, stores: { ...stepStores, idempotency: DynamoBusinessApiStore, requests: DynamoRequestStore }, ...businessRequestSchemas.scheduleRequest, aws: { queues: sqsQueues } },
  async ({ caller, path, body, deps }) => ({
    status: 200,
    body: businessRequestView(
      await scheduleRequest(caller.businessId, path.requestId, body.jobId, {
        requests: deps.stores.requests,
        jobs: deps.stores.jobs,
        clock: deps.clock,
        steps: stepDepsFrom(deps.stores, deps.clock, { notifications: deps.queues.notifications }),
      }),
    ),
  }),
);
