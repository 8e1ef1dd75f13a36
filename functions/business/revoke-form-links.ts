import { businessFormSchemas } from '../../shared/contract/business/forms';
import { revokeFormLinks } from '../../shared/link-sends/send-form';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoFormStore } from '../../shared/forms/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoObjectLinkStore } from '../../shared/links/store';

/** Withdraws every link sent for this form: each fails (410) on its next use; a signed-in customer can still fill it. */
export const handler = httpRoute(businessRoute('revokeFormLinks'), { auth: apiKeyAuth, stores: { forms: DynamoFormStore, idempotency: DynamoBusinessApiStore, links: DynamoObjectLinkStore }, ...businessFormSchemas.revokeFormLinks }, async ({ caller, path, deps }) => ({
  status: 200,
  body: { sentFormId: path.sentFormId, revoked: await revokeFormLinks(caller.businessId, path.sentFormId, { forms: deps.stores.forms, links: deps.stores.links }) },
}));
