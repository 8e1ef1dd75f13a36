import { businessSlotSchemas } from '../../shared/contract/business/slots';
import { deleteSlot } from '../../shared/estimates/slots';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoEstimateStore } from '../../shared/estimates/store';

/** Withdraws an open slot (204); a booked one is 409, an unknown one 404. */
export const handler = httpRoute(businessRoute('deleteSlot'), { auth: apiKeyAuth, stores: { slots: DynamoEstimateStore }, ...businessSlotSchemas.deleteSlot }, async ({ caller, path, deps }) => {
  await deleteSlot(caller.businessId, path.slotId, { slots: deps.stores.slots });
  return { status: 204 };
});
