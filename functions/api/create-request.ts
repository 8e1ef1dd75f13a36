import { customerRequestSchemas } from '../../shared/contract/customer/requests';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { stepDepsFrom } from '../../shared/steps/deps';
import { browserLanguageOf } from '../../shared/i18n/accept-language';
import { mintFor } from '../../shared/kernel/ids';
import { NotFound } from '../../shared/kernel/errors';
import { createRequest } from '../../shared/requests/create';
import { customerRequestView } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { DynamoUploadStore } from '../../shared/uploads/store';
import { portalRoute } from '../../shared/routes/portal';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { gatedBusiness } from '../http/section-gate';
import { stepStores } from '../wiring/step-stores';

/** A new service request; a retry or a double tap with the same `Idempotency-Key` answers the same request (201 both times). */
export const handler = httpRoute(
  portalRoute('createRequest'),
  {
    auth: sessionAuth,
    stores: { ...stepStores, idempotency: DynamoBusinessApiStore, requests: DynamoRequestStore, uploads: DynamoUploadStore },
    ...customerRequestSchemas.createRequest,
    aws: { files: s3Files, queues: sqsQueues },
  },
  async ({ caller, body, attempt, event, deps }) => {
    // The section gate read the business already (its services): no second read.
    const business = (await gatedBusiness(event)) ?? (await deps.stores.directory.getBusiness(caller.businessId));
    if (!business) throw new NotFound('This business no longer exists.');
    const mint = mintFor(attempt, deps);
    const { request } = await createRequest(
      caller,
      business,
      body,
      { id: mint.id('req'), at: mint.now.toISOString(), language: browserLanguageOf(event.headers?.['accept-language']) ?? business.defaultLanguage },
      {
        requests: deps.stores.requests,
        jobs: deps.stores.jobs,
        clock: deps.clock,
        claims: { uploads: deps.stores.uploads, files: deps.files },
        steps: stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks }),
      },
    );
    return { status: 201, body: customerRequestView(request) };
  },
);
