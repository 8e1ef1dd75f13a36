/**
 * Where a customer's language is kept and how it is read. Three things are known of a customer
 * (shared/directory/model.ts): their own choice (`chosenLanguage`, `PUT /api/me/language`), the
 * business's setting for them (`language`, business API `PUT customers/{id}`) and what their
 * browser last asked for (`browserLanguage`, noted when they open a link); the business has a
 * default. Pages resolve with the browser they run in; emails and texts with the last one seen.
 */
import type { CustomerLanguage } from '../contract/customer/portal';
import { resolveLanguage, type Language } from '../contract/i18n/languages';
import { browserLanguageOf } from '../i18n/accept-language';
import type { Clock } from '../kernel/types';
import type { Business, Customer } from './model';
import type { DirectoryStore } from './port';

/** What the wire says of a customer's language, for the portal to resolve with its own browser's. */
export function customerLanguageOf(customer: Pick<Customer, 'chosenLanguage' | 'language'>, business: Pick<Business, 'defaultLanguage'>): CustomerLanguage {
  return {
    ...(customer.chosenLanguage ? { chosen: customer.chosenLanguage } : {}),
    ...(customer.language ? { forCustomer: customer.language } : {}),
    business: business.defaultLanguage,
  };
}

/**
 * The language an email or text to this customer is written in: their choice, else the
 * business's setting for them, else what their browser last asked for, else the business's default.
 */
export function messageLanguageOf(customer: Pick<Customer, 'chosenLanguage' | 'language' | 'browserLanguage'>, business: Pick<Business, 'defaultLanguage'>): Language {
  return resolveLanguage({ chosen: customer.chosenLanguage ?? undefined, forCustomer: customer.language ?? undefined, business: business.defaultLanguage }, customer.browserLanguage ?? undefined);
}

/**
 * Notes what the customer's browser asked for when they open a link. A conditional write that
 * writes only a change, sent beside the page's own read (no extra round trip); nothing when the
 * browser names no supported language.
 */
export async function noteBrowserLanguage(customer: { businessId: string; customerId: string }, acceptLanguage: string | undefined, deps: { directory: DirectoryStore; clock: Clock }): Promise<void> {
  const language = browserLanguageOf(acceptLanguage);
  if (language) await deps.directory.recordBrowserLanguage(customer.businessId, customer.customerId, language, deps.clock.now().toISOString());
}
