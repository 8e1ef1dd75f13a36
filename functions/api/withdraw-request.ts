import { customerRequestSchemas } from '../../shared/contract/customer/requests';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { stepDepsFrom } from '../../shared/steps/deps';
import { withdrawRequest } from '../../shared/requests/decide';
import { customerRequestView } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { stepStores } from '../wiring/step-stores';

/** Withdraws a new request (409 once the business scheduled or declined it); the business hears `request.withdrawn`. */
export const handler = httpRoute(
  portalRoute('withdrawRequest'),
  { auth: sessionAuth, stores: { ...stepStores, idempotency: DynamoBusinessApiStore, requests: DynamoRequestStore }, ...customerRequestSchemas.withdrawRequest, aws: { queues: sqsQueues } },
  async ({ caller, path, deps }) => ({
    status: 200,
    body: customerRequestView(await withdrawRequest(caller, path.requestId, { requests: deps.stores.requests, clock: deps.clock, steps: stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks }) })),
  }),
);
