/**
 * The customer API: Home (`GET /api/home`), what needs the customer now: what is due with a way
 * to pay, estimates awaiting their decision, the next visit (and whether the technician is on the
 * way), unread messages by job, recent payments. A section the business hides is null here (and
 * gone from the page); Home itself hidden answers 404.
 */
import type { Money } from '../money';
import type { EstimateSummary } from './estimates';
import type { InvoiceSummary } from './invoices';
import type { JobSummary } from './jobs';

/** How many of each list Home shows: a glance, with the section's page one tap away. */
export const homeListSize = 3;

export interface HomeResponse {
  /** Open invoices with something left to pay. */
  invoices: {
    /** What is due, per currency (one entry for most businesses); empty when nothing is. */
    due: Money[];
    /** How many invoices have something to pay, and how many of them are past due. */
    count: number;
    overdue: number;
    /** The soonest due, up to three. */
    soonest: InvoiceSummary[];
    /**
     * What Home's Pay button pays in one checkout: the invoices with something to pay in the
     * soonest one's currency, soonest due first, at most a checkout's limit (`maxInvoicesPerCheckout`),
     * and their sum. Null when nothing is due.
     */
    payNow: { invoiceIds: string[]; amount: Money } | null;
    /** Whether `count`, `overdue` and `due` cover every open invoice (false: more than Home reads; the list has them all). */
    complete: boolean;
  } | null;
  /** Estimates waiting for a decision, soonest expiring first. */
  estimates: { count: number; soonest: EstimateSummary[]; complete: boolean } | null;
  /** The next visit, or null when none is booked (or Work history is hidden). */
  nextVisit: {
    job: JobSummary;
    /** Set while the technician is on the way to it (or has arrived): their name. */
    onTheWay: { technicianName: string; status: 'en_route' | 'arrived' } | null;
  } | null;
  /** Jobs with messages from the business not read yet, most unread first; null when Messages is hidden. */
  unread: { jobId: string; number: string; title: string; count: number }[] | null;
  /** The newest payments, newest first, up to three. */
  recentPayments: { id: string; invoiceId: string; invoiceNumber: string; paidAt: string; method: string; amount: Money }[] | null;
}

/** What each route of this capability validates, by route name (shared/routes/): nothing but the session. */
export const customerHomeSchemas = {
  getHome: {},
} as const;
