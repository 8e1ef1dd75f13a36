import { customerRequestSchemas } from '../../shared/contract/customer/requests';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { stepDepsFrom } from '../../shared/steps/deps';
import { browserLanguageOf } from '../../shared/i18n/accept-language';
import { createPublicRequest } from '../../shared/requests/public';
import { DynamoRequestStore } from '../../shared/requests/store';
import { DynamoUploadStore } from '../../shared/uploads/store';
import { DynamoAuthStore } from '../../shared/auth/store';
import { portalRoute } from '../../shared/routes/portal';
import { rateLimitSubject } from '../http/client-ip';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';
import { stepStores } from '../wiring/step-stores';

/** A request from the business's website, held until the emailed link confirms it (202, the same whether it was kept or dropped). */
export const handler = httpRoute(
  portalRoute('createPublicRequest'),
  {
    auth: publicAuth,
    stores: { ...stepStores, requests: DynamoRequestStore, uploads: DynamoUploadStore, rateLimits: DynamoAuthStore },
    ...customerRequestSchemas.createPublicRequest,
    aws: { files: s3Files, queues: sqsQueues, secrets: secretsManager },
  },
  async ({ path, body, clientIp, event, deps }) => ({
    status: 202,
    body: await createPublicRequest(
      path.slug,
      body,
      { clientSubject: clientIp ? rateLimitSubject(clientIp) : null, language: browserLanguageOf(event.headers?.['accept-language']) },
      {
        directory: deps.stores.directory,
        requests: deps.stores.requests,
        rateLimits: deps.stores.rateLimits,
        clock: deps.clock,
        random: deps.random,
        claims: { uploads: deps.stores.uploads, files: deps.files },
        steps: stepDepsFrom(deps.stores, deps.clock, { notifications: deps.queues.notifications }),
      },
    ),
  }),
);
