/** The business API: customers (create or replace, read, list changes, invite to the portal). */
import * as v from 'valibot';
import { singleLineText as text } from '../text';
import { ChangesListQuery, ExternalId, InviteBody, NullableEmail, NullablePhone } from './common';

export const PutCustomerBody = v.strictObject({
  name: text(200, 'name'),
  email: v.optional(NullableEmail, null),
  phone: v.optional(NullablePhone, null),
});
export type PutCustomerBody = v.InferOutput<typeof PutCustomerBody>;

export const CustomerPath = v.strictObject({ customerId: ExternalId });

export interface CustomerRecordView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What each route of this capability validates, by route name (shared/routes.ts). */
export const businessCustomerSchemas = {
  putCustomer: { path: CustomerPath, body: PutCustomerBody },
  getCustomer: { path: CustomerPath },
  listCustomers: { query: ChangesListQuery },
  inviteCustomer: { path: CustomerPath, body: InviteBody },
} as const;
