/** The business API: customers (create or replace, read, list changes, invite to the portal). */
import * as v from 'valibot';
import { singleLineText as text } from '../text';
import { LANGUAGES, languageSchema, type Language } from '../i18n/languages';
import { ChangesListQuery, ExternalId, InviteBody, NullableEmail, NullablePhone } from './common';

export const PutCustomerBody = v.strictObject({
  name: text(200, 'name'),
  email: v.optional(NullableEmail, null),
  phone: v.optional(NullablePhone, null),
  language: v.optional(
    v.pipe(
      v.nullable(languageSchema),
      v.description(
        `The language this customer reads the portal, emails and texts in, as you know it: one of ${LANGUAGES.join(', ')} (ISO 639-1), or null for none. ` +
          "The customer's own choice in the portal comes first; without either, their browser's language, then the business's `defaultLanguage`. Left out: unchanged.",
      ),
    ),
  ),
});
export type PutCustomerBody = v.InferOutput<typeof PutCustomerBody>;

export const CustomerPath = v.strictObject({ customerId: ExternalId });

export interface CustomerRecordView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** The business's setting for the customer's language (null: none). */
  language: Language | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessCustomerSchemas = {
  putCustomer: { path: CustomerPath, body: PutCustomerBody },
  getCustomer: { path: CustomerPath },
  listCustomers: { query: ChangesListQuery },
  inviteCustomer: { path: CustomerPath, body: InviteBody },
} as const;
