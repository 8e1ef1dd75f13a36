/**
 * The soak's invariant checker: a pure function over what a run left behind (every table item,
 * the messages in the outbox, the events the good webhook receiver got, the 5xx answers that no
 * injected crash explains). It reads items as stored, by their `type`, not through the app's
 * stores: it judges the app, so it does not borrow the app's readers. Each violation names the
 * invariant and the records, so a finding can be looked up and reproduced with the run's seed.
 *
 * The invariants are the ones docs/data-model.md promises converge after any crash ("Follow-up
 * steps", "Multi-item writes").
 */
import { jobTotals } from '../../shared/contract/totals';
import { sameJobMoney } from '../../shared/jobs/job-money';
import { jobMoneyOf } from '../../shared/invoices/job-money';

export type Item = Record<string, any>;

export interface SoakSnapshot {
  /** Every item of the table (the soak Scans it: an offline tool, never the app). */
  items: Item[];
  /** Every email and text the outbox holds. */
  messages: { subject?: string | null; text: string }[];
  /** What the good receiver got, one entry per request (retries and duplicates included). */
  events: { webhookId: string; type: string; data: Record<string, unknown> }[];
  /** 5xx answers not caused by an injected crash (from the handlers' own log lines and the gateway). */
  unexpected5xx: { route: string; status: number; error: string }[];
}

export type InvariantName =
  | 'invoice-ledger'
  | 'invoice-over-total'
  | 'payment-once'
  | 'checkout-payment'
  | 'invoice-paid-event'
  | 'receipt-once'
  | 'deposit-invoice'
  | 'slot-booking'
  | 'booking-slot'
  | 'job-money'
  | 'job-summary'
  | 'owed-left'
  | 'unexpected-5xx';

export interface Violation {
  invariant: InvariantName;
  records: string[];
  detail: string;
}

/** The item's id within its business (ids are unique per business; the soak uses one business for money). */
const key = (item: Item) => `${item.businessId}/${item.id}`;

export function checkInvariants(snapshot: SoakSnapshot): Violation[] {
  const out: Violation[] = [];
  const flag = (invariant: InvariantName, records: string[], detail: string) => out.push({ invariant, records, detail });
  const ofType = (type: string) => snapshot.items.filter((item) => item.type === type);

  const invoices = ofType('invoice');
  const invoicesById = new Map(invoices.map((i) => [key(i), i]));
  const invoicePayments = new Map<string, Item>(); // `<biz>/<invoice>/<payment id>`
  for (const p of ofType('invoicePayment')) {
    const businessId = String(p.pk).split('#')[1];
    invoicePayments.set(`${businessId}/${p.invoiceId}/${p.id}`, p);
  }

  // --- invoices: the ledger is its applied payments, each once, never above the total unrefunded.
  for (const invoice of invoices) {
    const applied: string[] = invoice.appliedPaymentIds ?? [];
    const duplicates = applied.filter((id, i) => applied.indexOf(id) !== i);
    if (duplicates.length) flag('payment-once', [key(invoice), ...duplicates], `payment applied more than once: ${duplicates.join(', ')}`);
    let sum = 0;
    for (const id of new Set(applied)) {
      const payment = invoicePayments.get(`${key(invoice)}/${id}`);
      if (!payment) flag('invoice-ledger', [key(invoice), id], 'an applied payment id has no payment item');
      else sum += payment.amount;
    }
    if (sum !== invoice.amountPaid) flag('invoice-ledger', [key(invoice)], `amountPaid ${invoice.amountPaid} but its applied payments sum to ${sum}`);
    if (invoice.amountPaid > invoice.total && !(invoice.amountRefunded > 0)) {
      flag('invoice-over-total', [key(invoice)], `amountPaid ${invoice.amountPaid} above total ${invoice.total} with no refund recorded`);
    }
  }

  // --- checkouts: a paid checkout's allocations are each applied once; nothing else is.
  const checkouts = ofType('checkout');
  const paidCheckouts = checkouts.filter((c) => c.status === 'paid');
  for (const checkout of checkouts) {
    for (const allocation of checkout.allocations ?? []) {
      const invoice = invoicesById.get(`${checkout.businessId}/${allocation.invoiceId}`);
      const paymentId = `${checkout.id}.${allocation.invoiceId}`;
      const isApplied = (invoice?.appliedPaymentIds ?? []).includes(paymentId);
      if (checkout.status === 'paid' && !isApplied) flag('checkout-payment', [key(checkout), `${checkout.businessId}/${allocation.invoiceId}`], 'paid checkout, but its payment is not applied to the invoice');
      if (checkout.status !== 'paid' && isApplied) flag('checkout-payment', [key(checkout), `${checkout.businessId}/${allocation.invoiceId}`], `checkout is ${checkout.status}, yet its payment is applied`);
    }
  }

  // --- invoice.paid: one event id per invoice that an online payment paid; none for any other.
  const paidEventIds = new Map<string, Set<string>>();
  for (const event of snapshot.events) {
    if (event.type !== 'invoice.paid') continue;
    const invoiceId = String(event.data.invoiceId);
    if (!paidEventIds.has(invoiceId)) paidEventIds.set(invoiceId, new Set());
    paidEventIds.get(invoiceId)!.add(event.webhookId);
  }
  for (const invoice of invoices) {
    const ids = paidEventIds.get(invoice.id) ?? new Set<string>();
    const applied: string[] = invoice.appliedPaymentIds ?? [];
    const last = applied.length ? invoicePayments.get(`${key(invoice)}/${applied[applied.length - 1]}`) : undefined;
    const paidOnline = invoice.amountPaid >= invoice.total && invoice.total > 0 && last?.source === 'stripe';
    if (paidOnline && ids.size !== 1) flag('invoice-paid-event', [key(invoice)], `paid online, but the good receiver got ${ids.size} invoice.paid event ids`);
    if (!paidOnline && ids.size > 1) flag('invoice-paid-event', [key(invoice), ...ids], `${ids.size} invoice.paid event ids`);
  }

  // --- receipts: exactly one per paid checkout (matched by its amount's invoice lines).
  const receipts = snapshot.messages.filter((m) => m.subject?.startsWith('Receipt from'));
  for (const checkout of paidCheckouts) {
    const lines: string[] = (checkout.allocations ?? []).map((a: Item) => `Invoice ${a.invoiceNumber}: `);
    const matching = receipts.filter((m) => lines.every((line) => m.text.includes(line)) && receiptLineCount(m.text) === lines.length);
    if (matching.length !== 1) flag('receipt-once', [key(checkout)], `paid checkout has ${matching.length} receipts`);
  }

  // --- estimates: an approved estimate with a deposit has its deposit invoice.
  const estimates = ofType('estimate');
  for (const estimate of estimates) {
    const depositId = estimate.decision?.kind === 'approved' ? estimate.decision.depositInvoiceId : null;
    if (!depositId) continue;
    const deposit = invoicesById.get(`${estimate.businessId}/${depositId}`);
    if (!deposit) flag('deposit-invoice', [key(estimate), `${estimate.businessId}/${depositId}`], 'approved with a deposit, but the deposit invoice is missing');
    else if (deposit.estimateId !== estimate.id) flag('deposit-invoice', [key(estimate), key(deposit)], `deposit invoice names estimate ${deposit.estimateId}`);
  }

  // --- slots and bookings: a held slot is one booking's, and one job sits at its time.
  const jobs = ofType('job');
  const jobsById = new Map(jobs.map((j) => [key(j), j]));
  const bookingsBySlot = new Map<string, Item[]>();
  for (const estimate of estimates) {
    if (!estimate.booking) continue;
    const slotKey = `${estimate.businessId}/${estimate.booking.slotId}`;
    bookingsBySlot.set(slotKey, [...(bookingsBySlot.get(slotKey) ?? []), estimate]);
  }
  const slots = ofType('slot');
  const slotsById = new Map(slots.map((s) => [key(s), s]));
  for (const slot of slots) {
    const bookings = bookingsBySlot.get(key(slot)) ?? [];
    if (!slot.bookedBy) {
      if (bookings.length) flag('booking-slot', [key(slot), ...bookings.map(key)], 'open slot, yet an estimate\'s booking names it');
      continue;
    }
    if (bookings.length !== 1) {
      flag('slot-booking', [key(slot), ...bookings.map(key)], `held by ${slot.bookedBy}, named by ${bookings.length} bookings`);
      continue;
    }
    const [estimate] = bookings as [Item];
    if (estimate.id !== slot.bookedBy) flag('slot-booking', [key(slot), key(estimate)], `held by ${slot.bookedBy}, booked by ${estimate.id}`);
    const job = jobsById.get(`${estimate.businessId}/${estimate.booking.jobId}`);
    if (!job) flag('slot-booking', [key(slot), key(estimate)], `the booking's job ${estimate.booking.jobId} is missing`);
    else if (job.scheduledStart !== slot.start || job.scheduledEnd !== slot.end) {
      flag('slot-booking', [key(slot), key(job)], `job at ${job.scheduledStart}–${job.scheduledEnd}, slot at ${slot.start}–${slot.end}`);
    }
  }
  for (const estimate of estimates) {
    if (!estimate.booking) continue;
    const slot = slotsById.get(`${estimate.businessId}/${estimate.booking.slotId}`);
    if (!slot || slot.bookedBy !== estimate.id) flag('booking-slot', [key(estimate), `${estimate.businessId}/${estimate.booking.slotId}`], `booking names a slot held by ${slot?.bookedBy ?? '(no slot)'}`);
  }

  // --- jobs: their money is what the job's invoices say (shared/jobs/job-money.ts), and the work history says so, once.
  const summaries = ofType('jobSummary');
  for (const job of jobs) {
    const expected = jobMoneyOf(job as { currency: string }, invoices.filter((i) => i.businessId === job.businessId && i.jobId === job.id) as unknown as Parameters<typeof jobMoneyOf>[1]);
    const stored = { invoicedAmount: job.invoicedAmount ?? 0, paidAmount: job.paidAmount ?? 0, dueAmount: job.dueAmount ?? 0 };
    if (!sameJobMoney(stored, expected)) flag('job-money', [key(job)], `job money ${JSON.stringify(stored)} but its invoices say ${JSON.stringify(expected)}`);
    const mine = summaries.filter((s) => s.jobId === job.id && String(s.pk).startsWith(`BIZ#${job.businessId}#`));
    const atKey = mine.filter((s) => s.pk === job.summaryKey?.pk && s.sk === job.summaryKey?.sk);
    if (mine.length !== 1 || atKey.length !== 1) {
      flag('job-summary', [key(job), ...mine.map((s) => `${s.pk}|${s.sk}`)], `${mine.length} work-history summaries, ${atKey.length} at its summaryKey`);
      continue;
    }
    const totals = jobTotals(job as Parameters<typeof jobTotals>[0], stored);
    const summary = atKey[0]!;
    if (summary.balanceAmount !== totals.balance.amount || summary.totalAmount !== totals.total.amount) {
      flag('job-summary', [key(job)], `summary says total ${summary.totalAmount} balance ${summary.balanceAmount}; the job is total ${totals.total.amount} balance ${totals.balance.amount}`);
    }
  }

  // --- follow-ups: nothing owed after the final re-drive.
  for (const item of snapshot.items) {
    const owed = item.owed && typeof item.owed === 'object' ? Object.keys(item.owed) : [];
    if (owed.length || item.owedPk !== undefined) flag('owed-left', [`${item.pk}|${item.sk}`], `still owes ${owed.join(', ') || '(nothing, but is in the follow-up index)'}`);
  }

  for (const failure of snapshot.unexpected5xx) flag('unexpected-5xx', [failure.route], `${failure.status}: ${failure.error}`);
  return out;
}

/** How many invoice lines a receipt lists (email: "  Invoice N: $x" lines; text: the numbers after "for invoice(s)"). */
function receiptLineCount(text: string): number {
  return (text.match(/^ {2}Invoice .+: /gm) ?? []).length;
}

/** Violations counted by invariant, for the report. */
export function countByInvariant(violations: Violation[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of violations) counts[v.invariant] = (counts[v.invariant] ?? 0) + 1;
  return counts;
}
