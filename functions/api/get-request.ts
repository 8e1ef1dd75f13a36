import { customerRequestSchemas } from '../../shared/contract/customer/requests';
import { getCustomerRequest } from '../../shared/requests/decide';
import { customerRequestView } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';

/** One of the customer's own requests; another's (or one held for confirmation) is a 404. */
export const handler = httpRoute(
  portalRoute('getRequest'),
  { auth: sessionAuth, stores: { directory: DynamoDirectoryStore, requests: DynamoRequestStore }, ...customerRequestSchemas.getRequest },
  async ({ caller, path, deps }) => ({ status: 200, body: customerRequestView(await getCustomerRequest(caller, path.requestId, { requests: deps.stores.requests })) }),
);
