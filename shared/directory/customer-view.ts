/**
 * The business's view of a customer: what the business API answers for one, and the customer in
 * the `customer.updated` event a profile write owes (./profile.ts).
 */
import type { CustomerRecordView } from '../contract/business/customers';
import type { Customer } from './model';

export const customerView = (c: Customer): CustomerRecordView => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  language: c.language,
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
