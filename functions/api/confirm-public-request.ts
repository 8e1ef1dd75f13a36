import { customerRequestSchemas } from '../../shared/contract/customer/requests';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { DynamoUploadStore } from '../../shared/uploads/store';
import { stepDepsFrom } from '../../shared/steps/deps';
import { confirmPublicRequest } from '../../shared/requests/public';
import { DynamoRequestStore } from '../../shared/requests/store';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';
import { stepStores } from '../wiring/step-stores';

/** The emailed link's token confirms a request from the website: the business sees it from then on (`request.created`). */
export const handler = httpRoute(
  portalRoute('confirmPublicRequest'),
  { auth: publicAuth, stores: { ...stepStores, requests: DynamoRequestStore, uploads: DynamoUploadStore }, ...customerRequestSchemas.confirmPublicRequest, aws: { queues: sqsQueues, files: s3Files } },
  async ({ path, body, deps }) => ({
    status: 200,
    body: await confirmPublicRequest(path.slug, path.requestId, body.token, {
      directory: deps.stores.directory,
      requests: deps.stores.requests,
      clock: deps.clock,
      claims: { uploads: deps.stores.uploads, files: deps.files },
      steps: stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks }),
    }),
  }),
);
