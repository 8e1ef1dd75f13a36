import type { MeResponse } from '../contract/customer/portal';
import { Unauthenticated } from '../kernel/errors';

import type { DirectoryStore } from './port';
import { toPortalInfo } from './portal-info';
import { customerLanguageOf } from './languages';

export async function getMe(session: { businessId: string; customerId: string }, deps: { directory: DirectoryStore }): Promise<MeResponse> {
  const found = await deps.directory.getCustomerWithBusiness(session.businessId, session.customerId);
  // The customer was removed after sign-in: the session no longer stands for anyone.
  if (!found) throw new Unauthenticated('Please sign in again.').saying('problems.sign-in-again');
  const { customer, business } = found;
  return {
    customer: { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone, language: customerLanguageOf(customer, business) },
    business: toPortalInfo(business),
  };
}
