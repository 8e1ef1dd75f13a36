import { businessRequestSchemas } from '../../shared/contract/business/requests';
import { attachRequestCustomer } from '../../shared/requests/decide';
import { businessRequestView } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';

/** Attaches a request from the website to a customer (`create: true` makes the customer from its contact); the customer then sees it in their portal. */
export const handler = httpRoute(
  businessRoute('attachRequestCustomer'),
  { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, requests: DynamoRequestStore, directory: DynamoDirectoryStore }, ...businessRequestSchemas.attachRequestCustomer },
  async ({ caller, path, body, deps }) => ({
    status: 200,
    body: businessRequestView(await attachRequestCustomer(caller.businessId, path.requestId, body, { requests: deps.stores.requests, directory: deps.stores.directory, clock: deps.clock })),
  }),
);
