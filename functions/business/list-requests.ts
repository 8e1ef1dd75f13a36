import { businessRequestSchemas } from '../../shared/contract/business/requests';
import { changesQueryOf, listResponseOf } from '../../shared/business-api/views';
import { businessRequestView } from '../../shared/requests/views';
import { DynamoRequestStore } from '../../shared/requests/store';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';

/** Requests changed at or after `updatedSince`, oldest change first, optionally of one `status`; a website request appears once confirmed. */
export const handler = httpRoute(businessRoute('listBusinessRequests'), { auth: apiKeyAuth, stores: { requests: DynamoRequestStore }, ...businessRequestSchemas.listBusinessRequests }, async ({ caller, query, deps }) => {
  const page = await deps.stores.requests.listRequestsChangedSince(caller.businessId, { ...changesQueryOf(query), status: query.status ?? null });
  return { status: 200, body: listResponseOf(page, businessRequestView) };
});
