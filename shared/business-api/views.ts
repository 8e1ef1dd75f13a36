/** How the business API shows its records: the domain records, minus what is server-internal. */
import type { ListResponse } from '../contract/business/common';
import type { SettingsView } from '../contract/business/settings';
import type { Business } from '../directory/model';
import type { JobRecord, JobState } from '../jobs/model';
import { paymentsEnabled } from '../directory/payments-enabled';
import { toJobRecord } from '../jobs/model';
import { jobTotals, noJobMoney } from '../contract/totals';
import { jobMoneyFrom } from '../jobs/job-money';
import type { ChangesQuery, StorePage } from '../kernel/types';
import { apiLimitsView, type ApiLimitOverrides } from './limits';

/** A "changed since" list's query string, as the stores read it. */
export const changesQueryOf = (query: { updatedSince?: string | undefined; cursor?: string | undefined; limit: number }): ChangesQuery => ({
  since: query.updatedSince ?? null,
  limit: query.limit,
  cursor: query.cursor ?? null,
});

/** One page of a business API list: its records as shown, and the store's cursor to the next page. */
export const listResponseOf = <T, V>(page: StorePage<T>, view: (record: T) => V): ListResponse<V> => ({
  items: page.items.map(view),
  hasMore: page.nextCursor !== null,
  nextCursor: page.nextCursor,
});

/** `limits`: the operator's limits of the business (limits.ts), read beside the business. */
export const settingsView = (b: Business, portalOrigin: string, limits: ApiLimitOverrides): SettingsView => ({
  id: b.id,
  name: b.name,
  slug: b.slug,
  portalUrl: `${portalOrigin.replace(/\/+$/, '')}/${b.slug}/`,
  timeZone: b.timeZone,
  primaryColor: b.primaryColor,
  logoUrl: b.logoUrl,
  contactPhone: b.contactPhone,
  contactEmail: b.contactEmail,
  menu: b.sections,
  portal: { sections: b.sections, links: b.links },
  requests: { services: b.services },
  defaultLanguage: b.defaultLanguage,
  payments: { enabled: paymentsEnabled(b), stripeAccountId: b.payments.stripeAccountId, methods: b.payments.methods, partialPayments: b.payments.partialPayments },
  tracking: b.tracking,
  apiLimits: apiLimitsView(limits),
  version: b.version,
  updatedAt: b.updatedAt,
});

/** The business's view of a job: what it wrote, and its totals by the portal's rule (`balance` is what its invoices still ask for). */
export function jobView(job: JobRecord | JobState) {
  const money = 'paidAmount' in job ? jobMoneyFrom(job) : noJobMoney;
  const record = 'paidAmount' in job ? toJobRecord(job) : job;
  const { businessId: _b, ...fields } = record;
  const totals = jobTotals(record, money);
  return {
    ...fields,
    totals: {
      subtotal: totals.subtotal.amount,
      tax: totals.tax.amount,
      total: totals.total.amount,
      invoiced: totals.invoiced.amount,
      notInvoiced: totals.notInvoiced.amount,
      paid: totals.paid.amount,
      balance: totals.balance.amount,
    },
  };
}
