import { businessSlotSchemas } from '../../shared/contract/business/slots';
import { deleteSlot } from '../../shared/estimates/slots';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Withdraws an open slot (204); a booked one is 409, an unknown one 404. */
export const handler = httpRoute(routeByName('deleteSlot'), { ...businessSlotSchemas.deleteSlot }, async ({ caller, path, deps }) => {
  await deleteSlot(caller.businessId, path.slotId, { slots: deps.stores.slots });
  return { status: 204 };
});
