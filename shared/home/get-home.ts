/**
 * Home: "what needs me?" in one request, at most two sequential DynamoDB round trips after the
 * session. The first reads, side by side, the business (which sections it shows), the open
 * invoices, the open estimates, the next visit, the unread messages and the newest payments; the
 * second, side by side again, the next visit's tracking and the invoices of those payments (a
 * payment stored but not yet applied to its invoice is not shown, as on the invoice's page).
 * Sections the business hides are read all the same (nothing waits on the business) and dropped.
 */
import type { HomeResponse } from '../contract/customer/home';
import { homeListSize } from '../contract/customer/home';
import { NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { EstimateStore } from '../estimates/port';
import type { InvoiceStore } from '../invoices/port';
import type { JobStore } from '../jobs/port';
import type { UnreadStore } from '../messages/port';
import type { TrackingStore } from '../tracking/port';
import { invoiceSummaryOf } from '../invoices/views';
import { estimateSummaryOf } from '../estimates/views';
import { toJobSummary } from '../jobs/summary';
import { isLive } from '../tracking/model';
import { balanceOf } from '../invoices/ledger';
import type { InvoiceState } from '../invoices/model';
import type { Money } from '../contract/money';
import { maxInvoicesPerCheckout } from '../contract/customer/payments';

/** How many open invoices and estimates Home reads to count and sum: past that it says so (`complete: false`). */
const countUpTo = 50;
/** Payments read to find three applied ones (one stored but not applied yet is skipped). */
const paymentsRead = homeListSize + 3;

export interface HomeDeps {
  directory: DirectoryStore;
  invoices: InvoiceStore;
  estimates: EstimateStore;
  jobs: JobStore;
  unread: UnreadStore;
  tracking: TrackingStore;
  clock: Clock;
}

/** Home's Pay button: one checkout, one currency (the soonest due's), at most a checkout's invoices. */
function payNowOf(payable: InvoiceState[]): { invoiceIds: string[]; amount: Money } | null {
  const currency = payable[0]?.currency;
  if (!currency) return null;
  const chosen = payable.filter((i) => i.currency === currency).slice(0, maxInvoicesPerCheckout);
  return { invoiceIds: chosen.map((i) => i.id), amount: { amount: chosen.reduce((sum, i) => sum + balanceOf(i), 0), currency } };
}

export async function getHome(session: { businessId: string; customerId: string }, deps: HomeDeps): Promise<HomeResponse> {
  const { businessId, customerId } = session;
  const now = deps.clock.now();
  const [business, openInvoices, openEstimates, upcoming, unread, payments] = await Promise.all([
    deps.directory.getBusiness(businessId),
    deps.invoices.listCustomerInvoices(businessId, customerId, { list: 'open', limit: countUpTo, cursor: null }),
    deps.estimates.listCustomerEstimates(businessId, customerId, { list: 'open', limit: countUpTo, cursor: null, now: now.toISOString() }),
    deps.jobs.listJobs(businessId, customerId, { when: 'upcoming', now, limit: 1, cursor: null }),
    deps.unread.unreadJobs(businessId, customerId),
    deps.invoices.listRecentPayments(businessId, customerId, paymentsRead),
  ]);
  const shows = new Set(business?.sections ?? []);
  if (!business || !shows.has('home')) throw new NotFound('This portal has no Home page.');

  const next = shows.has('jobs') ? (upcoming.items[0] ?? null) : null;
  const [visit, paidInvoices] = await Promise.all([
    next ? deps.tracking.getVisit(businessId, next.jobId) : null,
    shows.has('invoices') && payments.length > 0 ? deps.invoices.getInvoices(businessId, payments.map((p) => p.invoiceId)) : [],
  ]);

  const payable = openInvoices.items.filter((i) => balanceOf(i) > 0 && i.customerId === customerId);
  const due = new Map<string, number>();
  for (const invoice of payable) due.set(invoice.currency, (due.get(invoice.currency) ?? 0) + balanceOf(invoice));
  const applied = new Set(paidInvoices.filter((i) => i.customerId === customerId).flatMap((i) => i.appliedPaymentIds));
  const onTheWay = visit && next && visit.customerId === customerId && isLive(visit, now) ? { technicianName: visit.technician.name, status: visit.status === 'arrived' ? ('arrived' as const) : ('en_route' as const) } : null;

  return {
    invoices: shows.has('invoices')
      ? {
          due: [...due].map(([currency, amount]) => ({ amount, currency })),
          count: payable.length,
          overdue: payable.filter((i) => new Date(i.dueAt).getTime() < now.getTime()).length,
          soonest: payable.slice(0, homeListSize).map(invoiceSummaryOf),
          payNow: payNowOf(payable),
          complete: openInvoices.nextCursor === null,
        }
      : null,
    estimates: shows.has('estimates')
      ? { count: openEstimates.items.length, soonest: openEstimates.items.slice(0, homeListSize).map((e) => estimateSummaryOf(e, now)), complete: openEstimates.nextCursor === null }
      : null,
    nextVisit: next ? { job: toJobSummary(next), onTheWay } : null,
    // Most unread first; equal counts by job id (the item's map keeps no order DynamoDB promises).
    unread: shows.has('messages') ? [...unread].sort((a, b) => b.count - a.count || a.jobId.localeCompare(b.jobId)) : null,
    recentPayments: shows.has('invoices')
      ? payments
          .filter((p) => applied.has(p.id))
          .slice(0, homeListSize)
          .map((p) => ({ id: p.id, invoiceId: p.invoiceId, invoiceNumber: p.invoiceNumber, paidAt: p.paidAt, method: p.method, amount: { amount: p.amount, currency: p.currency } }))
      : null,
  };
}
