import { businessRequestSchemas } from '../../shared/contract/business/requests';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { getBusinessRequest } from '../../shared/requests/decide';
import { businessRequestWithFiles } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';

/** One request with its photos and videos, each by a URL signed for 15 minutes; one held for confirmation is a 404. */
export const handler = httpRoute(
  businessRoute('getBusinessRequest'),
  { auth: apiKeyAuth, stores: { requests: DynamoRequestStore }, ...businessRequestSchemas.getBusinessRequest, aws: { files: s3Files } },
  async ({ caller, path, deps }) => ({
    status: 200,
    body: await businessRequestWithFiles(await getBusinessRequest(caller.businessId, path.requestId, { requests: deps.stores.requests }), { files: deps.files, now: deps.clock.now() }),
  }),
);
