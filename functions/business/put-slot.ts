import { businessSlotSchemas } from '../../shared/contract/business/slots';
import { putSlot, slotView } from '../../shared/estimates/slots';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoEstimateStore } from '../../shared/estimates/store';

/** Publishes (or moves) an open appointment slot; a booked one is 409. */
export const handler = httpRoute(businessRoute('putSlot'), { auth: apiKeyAuth, stores: { slots: DynamoEstimateStore }, ...businessSlotSchemas.putSlot }, async ({ caller, path, body, deps }) => {
  const { slot, created } = await putSlot(caller.businessId, path.slotId, body, { slots: deps.stores.slots, clock: deps.clock });
  return { status: created ? 201 : 200, body: slotView(slot) };
});
