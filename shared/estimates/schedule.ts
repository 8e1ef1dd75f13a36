/**
 * Booking a visit after approval (and the deposit, where one is asked). Two races are settled
 * before anything depends on who won (docs/data-model.md, "Estimates: booking"):
 * 1. The slot is the arbiter between bookings: one conditional write holds it for one booking
 *    request of one estimate and takes it out of the open list, so of any number of requests, for
 *    any customers, exactly one holds it. The hold owes a check (shared/followups): unless its
 *    booking is decided on the estimate, the slot goes back, so a crash after the hold never
 *    leaves it taken.
 * 2. The estimate decides which of its bookings wins (two tabs picking two slots): one write on
 *    the version read records the booking, and owes everything that follows it: the job written
 *    at the winner's time, the deposit filed under that job, the event. A loser gives its slot back
 *    and writes nothing else.
 */
import type { ScheduleEstimateResponse, SlotView } from '../contract/customer/estimates';
import { Conflict, InvalidInput } from '../kernel/errors';
import type { Customer } from '../directory/model';
import type { EstimateRecord, SlotRecord } from './model';
import type { InvoiceRecord, InvoiceState } from '../invoices/model';
import type { JobFields } from '../jobs/model';
import { linkToJob } from '../invoices/write-invoice';
import { toJobRecord } from '../jobs/model';
import { toInvoiceRecord, trackingOf } from '../invoices/model';
import { emitEventStep, eventId, oweEvent, type EventStepDeps } from '../events/emit';
import { derivedId } from '../kernel/ids';
import { payableOf } from '../invoices/ledger';
import type { CustomerScope } from '../invoices/customer-invoices';
import { readModifyWrite } from '../kernel/read-modify-write';
import { countMetric, metricNames } from '../logging/metrics';
import { upsertJob } from '../jobs/write-job';
import { invoiceMovedToJob, type JobAccountDeps } from '../invoices/job-account';
import type { InvoiceStore } from '../invoices/port';
import type { DirectoryStore } from '../directory/port';
import type { EstimateStore, SlotStore } from './port';
import { defineStep, newOwedSteps, owe, type OwedSteps } from '../followups/owed';
import { runLeftoverSteps, runOwedSteps, type AnyStep, type RunDeps } from '../followups/run';
import { crashPoint, isInjectedCrash } from '../followups/crash';
import { stepOwner } from '../followups/port';
import { estimateFor } from './customer-estimates';
import { confirmationStep, oweBookingConfirmation, type ConfirmationStepDeps } from './confirmations';

/** How many open slots the picker offers at most (soonest first). */
export const slotPickerLimit = 50;

/** What a booking uses: the estimate, its slots, its deposit and job, and what its steps use. */
export type ScheduleDeps = RunDeps & { estimates: EstimateStore; slots: SlotStore; invoices: InvoiceStore; directory: DirectoryStore } & JobAccountDeps & EventStepDeps & ConfirmationStepDeps;

/** The job a booking creates when the estimate has none: its id derives from the estimate (business job ids never start with `estimate_`). */
export const bookedJobIdOf = (estimateId: string) => derivedId('estimate_', estimateId);

type HoldArgs = { businessId: string; slotId: string; estimateId: string; requestId: string };

/** Owed by a slot's hold: keep it if its booking was decided on the estimate, else give the slot back. */
export const slotHoldStep = defineStep<HoldArgs, ScheduleDeps>('slot-hold', async (a, deps) => {
  const estimate = await deps.estimates.getEstimate(a.businessId, a.estimateId, { consistent: true });
  if (estimate?.booking?.slotId === a.slotId && estimate.booking.requestId === a.requestId) return;
  const slot = await deps.slots.getSlot(a.businessId, a.slotId);
  if (slot) await deps.slots.releaseSlot(a.businessId, slot, { estimateId: a.estimateId, requestId: a.requestId }, deps.clock.now().toISOString());
});

type BookingArgs = { businessId: string; estimateId: string };

/** Owed by the booking: the job at the winning booking's time (created from the estimate, or the estimate's job moved). */
export const bookingJobStep = defineStep<BookingArgs, ScheduleDeps>('booking-job', async (a, deps) => {
  const estimate = await deps.estimates.getEstimate(a.businessId, a.estimateId, { consistent: true });
  if (estimate?.booking) await writeJob(estimate, estimate.booking, estimate.booking.jobId, deps);
});

/** Owed by the booking: the estimate's pointer on the job, and a deposit paid before there was a job filed under it. */
export const bookingDepositStep = defineStep<BookingArgs, ScheduleDeps>('booking-deposit', async (a, deps) => {
  const estimate = await deps.estimates.getEstimate(a.businessId, a.estimateId, { consistent: true });
  if (!estimate?.booking) return;
  await linkToJob('estimate', estimate, null, deps);
  await attachDepositToJob(estimate, estimate.booking.jobId, deps);
});

/** The steps a booking may owe (on the slot, and on the estimate). */
export const bookingSteps: readonly AnyStep<ScheduleDeps>[] = [slotHoldStep, bookingJobStep, bookingDepositStep, emitEventStep, confirmationStep];

export async function openSlotsFor(caller: CustomerScope, estimateId: string, deps: Pick<ScheduleDeps, 'estimates' | 'slots' | 'invoices' | 'jobs' | 'clock'>): Promise<{ items: SlotView[] }> {
  const estimate = await estimateFor(caller, estimateId, deps);
  await checkSchedulable(estimate, deps);
  return { items: await openSlots(estimate, deps) };
}

const estimateOwner = (estimate: Pick<EstimateRecord, 'businessId' | 'id'>) => stepOwner('estimate', estimate);

export async function scheduleEstimate(caller: CustomerScope, estimateId: string, slotId: string, requestId: string, deps: ScheduleDeps): Promise<ScheduleEstimateResponse> {
  const estimate = await estimateFor(caller, estimateId, deps, { consistent: true });
  if (estimate.booking && (estimate.booking.requestId === requestId || estimate.booking.slotId === slotId)) return finished(estimate, deps);
  await checkSchedulable(estimate, deps);
  const slot = await deps.slots.getSlot(estimate.businessId, slotId);
  const now = deps.clock.now();
  const taken = async (detail: string) => new Conflict(detail, await openSlots(estimate, deps));
  if (!slot || new Date(slot.start).getTime() <= now.getTime()) throw (await taken('That time is no longer available. Please pick another.')).saying('problems.slot.unavailable');
  if (!fits(slot, estimate)) {
    const minutes = estimate.scheduling!.durationMinutes;
    throw new InvalidInput([{ field: 'slotId', message: `is shorter than the ${minutes} minutes this visit needs`, said: { key: 'problems.field.slot-too-short', values: { minutes } } }]);
  }

  // 1. The slot: held by exactly one booking request, whatever the interleaving.
  const hold = { estimateId: estimate.id, requestId };
  const slotOwner = stepOwner('slot', { businessId: estimate.businessId, id: slot.id });
  const holdOwed: OwedSteps = newOwedSteps([owe(slotHoldStep, requestId, { businessId: estimate.businessId, slotId: slot.id, ...hold })], now, slot.version * 1000);
  if (!(await deps.slots.holdSlot(estimate.businessId, slot.id, hold, now.toISOString(), holdOwed))) {
    const holder = await deps.slots.slotHold(estimate.businessId, slot.id);
    // This request's own hold, from an attempt that crashed: go on from it.
    if (holder?.estimateId === estimate.id && holder.requestId !== requestId) throw new Conflict('This visit is being booked in another window. Reload the estimate to see it.').saying('problems.visit.booking-elsewhere');
    if (holder?.estimateId !== estimate.id || holder.requestId !== requestId) throw (await taken('Someone just booked that time. Please pick another.')).saying('problems.slot.taken');
  }
  crashPoint('slot:held');

  // 2. The estimate: exactly one of its bookings wins; everything after is owed by that write.
  const giveBack = () => deps.slots.releaseSlot(estimate.businessId, slot, hold, deps.clock.now().toISOString());
  let decided = false;
  const booked = await readModifyWrite<EstimateRecord, EstimateRecord | null>(
    (attempt) => (attempt === 0 ? Promise.resolve(estimate) : estimateFor(caller, estimateId, deps, { consistent: true })),
    async (current) => {
      if (current.booking) return { done: current.booking.requestId === requestId ? current : null };
      await checkSchedulable(current, deps);
      const at = deps.clock.now().toISOString();
      const jobId = current.jobId ?? bookedJobIdOf(current.id);
      const next: EstimateRecord = {
        ...current,
        status: 'scheduled',
        jobId,
        booking: { slotId: slot.id, start: slot.start, end: slot.end, jobId, at, requestId },
        version: current.version + 1,
        updatedAt: at,
      };
      const args = { businessId: current.businessId, estimateId: current.id };
      const owed = newOwedSteps([owe(bookingJobStep, requestId, args), owe(bookingDepositStep, requestId, args), scheduledEvent(next), oweBookingConfirmation(next)], deps.clock.now(), next.version * 1000);
      return {
        write: async () => (decided = await deps.estimates.putEstimate(next, current.version, owed)),
        after: async () => {
          countMetric(metricNames.visitsBooked, 1);
          await runOwedSteps(estimateOwner(next), owed, bookingSteps, deps);
          return next;
        },
      };
    },
    () => new Conflict('This estimate kept changing while we tried to book. Please reload it and try again.').saying('problems.visit.busy'),
  ).catch(async (error: unknown) => {
    // Refused before its booking was decided: the slot goes back now. (A crash leaves it to the hold's check.)
    if (!decided && !isInjectedCrash(error)) await giveBack();
    throw error;
  });
  if (!booked) {
    // Another booking of this estimate won (a second tab): this slot goes back, nothing else was written.
    await giveBack();
    const winner = await estimateFor(caller, estimateId, deps, { consistent: true });
    throw new Conflict(`This visit is already booked for ${winner.booking!.start}.`).saying('problems.visit.already-booked');
  }
  // The hold's check has nothing left to do: its booking is decided.
  await runOwedSteps(slotOwner, holdOwed, bookingSteps, deps);
  return answer(booked);
}

/** A booking already decided: whatever it still owes runs (a crash's leftover), and it answers as the first attempt did. */
async function finished(estimate: EstimateRecord, deps: ScheduleDeps): Promise<ScheduleEstimateResponse> {
  await runLeftoverSteps(estimateOwner(estimate), bookingSteps, deps);
  return answer(estimate);
}

const answer = (estimate: EstimateRecord): ScheduleEstimateResponse => {
  const booking = estimate.booking!;
  return { status: 'scheduled', jobId: booking.jobId, start: booking.start, end: booking.end };
};

function scheduledEvent(estimate: EstimateRecord) {
  const booking = estimate.booking!;
  return oweEvent({
    id: eventId('estimate.scheduled', `${estimate.id}#${booking.slotId}`),
    type: 'estimate.scheduled',
    createdAt: booking.at,
    businessId: estimate.businessId,
    data: { estimateId: estimate.id, customerId: estimate.customerId, jobId: booking.jobId, slotId: booking.slotId, start: booking.start, end: booking.end },
  });
}

/** Approved, with scheduling offered and the deposit paid (or on its way). */
async function checkSchedulable(estimate: EstimateRecord, deps: Pick<ScheduleDeps, 'invoices'>): Promise<void> {
  if (estimate.status === 'scheduled') throw new Conflict('This visit is already booked.').saying('problems.visit.already-booked');
  if (estimate.status !== 'approved') throw new Conflict('Approve the estimate first: then you can book a visit.').saying('problems.visit.approve-first');
  if (!estimate.scheduling) throw new Conflict('The business books this work with you itself: there are no times to pick here.').saying('problems.visit.no-slots');
  const depositId = estimate.decision?.depositInvoiceId;
  if (depositId) {
    const deposit = await deps.invoices.getInvoice(estimate.businessId, depositId, { consistent: true });
    if (!deposit || payableOf(deposit) > 0) throw new Conflict('Pay the deposit first: then you can book a visit.').saying('problems.visit.deposit-first');
  }
}

const fits = (slot: Pick<SlotRecord, 'start' | 'end'>, estimate: EstimateRecord) => Date.parse(slot.end) - Date.parse(slot.start) >= estimate.scheduling!.durationMinutes * 60_000;

async function openSlots(estimate: EstimateRecord, deps: Pick<ScheduleDeps, 'slots' | 'jobs' | 'clock'>): Promise<SlotView[]> {
  const now = deps.clock.now();
  const [slots, visits] = await Promise.all([
    deps.slots.listOpenSlots(estimate.businessId, { from: now.toISOString(), limit: slotPickerLimit * 2 }),
    upcomingVisits(estimate, now, deps),
  ]);
  return slots
    .filter((slot) => fits(slot, estimate))
    .slice(0, slotPickerLimit)
    .map(({ id, start, end }) => ({ id, start, end, overlapsVisit: visits.some((visit) => overlaps({ start, end }, visit)) }));
}

/** Two time ranges share some moment (touching ends do not: 10–12 and 12–14 are back to back). */
export const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }): boolean =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

/**
 * The customer's upcoming visits a new booking could clash with: their other jobs, not cancelled.
 * The estimate's own job is left out (booking moves it). The first page of the work history is
 * enough: the picker's slots are the business's soonest, and so are these.
 */
async function upcomingVisits(estimate: EstimateRecord, now: Date, deps: Pick<ScheduleDeps, 'jobs'>): Promise<{ start: string; end: string }[]> {
  const page = await deps.jobs.listJobs(estimate.businessId, estimate.customerId, { when: 'upcoming', now, limit: 100, cursor: null });
  return page.items
    .filter((job) => job.status !== 'cancelled' && job.jobId !== estimate.jobId && job.jobId !== bookedJobIdOf(estimate.id))
    .map((job) => ({ start: job.scheduledStart, end: job.scheduledEnd }));
}

/** The estimate's job moved to the slot, or a new job made from the chosen option. */
async function writeJob(estimate: EstimateRecord, slot: Pick<SlotRecord, 'start' | 'end'>, jobId: string, deps: Pick<ScheduleDeps, 'jobs' | 'directory' | 'clock'>): Promise<void> {
  const window = { start: slot.start, end: slot.end };
  const existing = await deps.jobs.getJob(estimate.businessId, jobId, { consistent: true });
  let fields: JobFields;
  if (existing) {
    fields = { ...jobFieldsOf(toJobRecord(existing)), status: 'scheduled', scheduledStart: slot.start, scheduledEnd: slot.end, arrivalWindow: window };
  } else {
    const customer = await deps.directory.getCustomer(estimate.businessId, estimate.customerId);
    fields = newJobFields(estimate, customer!, window);
  }
  await upsertJob(estimate.businessId, jobId, fields, deps);
}

function jobFieldsOf(job: ReturnType<typeof toJobRecord>): JobFields {
  const { businessId: _b, id: _i, version: _v, createdAt: _c, updatedAt: _u, ...fields } = job;
  return fields;
}

/**
 * A job's number when the booking makes it: the estimate's number with `-J`, as the deposit
 * invoice the approval made is the estimate's with `-D` (shared/estimates/decide.ts). Businesses
 * number their own jobs (PUT jobs); this keeps the portal's job apart from the estimate's number
 * and from the business's own series, and says which estimate it came from.
 */
export const bookedJobNumberOf = (estimateNumber: string): string => `${estimateNumber}-J`;

/** The work the customer approved, as the job's scope: the chosen option's lines, one a line ("Labour (hours) × 5"). */
export function scopeOfOption(option: { lines: { description: string; quantity: number }[] }): string {
  return option.lines.map((line) => (line.quantity === 1 ? line.description : `${line.description} × ${line.quantity}`)).join('\n');
}

function newJobFields(estimate: EstimateRecord, customer: Customer, window: { start: string; end: string }): JobFields {
  const option = estimate.options.find((o) => o.id === estimate.decision!.optionId)!;
  return {
    customerId: estimate.customerId,
    number: bookedJobNumberOf(estimate.number),
    title: estimate.title,
    status: 'scheduled',
    scheduledStart: window.start,
    scheduledEnd: window.end,
    arrivalWindow: window,
    scopeOfWork: scopeOfOption(option),
    address: estimate.address!,
    contact: { name: customer.name, phone: customer.phone, email: customer.email },
    technician: null,
    currency: estimate.currency,
    charges: option.lines.map((line, i) => ({ id: `line-${i + 1}`, ...line })),
    taxAmount: option.taxAmount,
    // The estimate has an address but no coordinates: the business adds them (PUT jobs) before tracking a visit.
    location: null,
  };
}

/**
 * A deposit paid before the job existed belongs to the job the booking made: the invoice names
 * it and the job page lists it. The same two steps as moving any invoice to a job
 * (write-invoice.ts): the invoice on the version read (a refund recorded meanwhile makes it read
 * again), then the job's pointer. Safe to repeat. A deposit the business has put on a job itself
 * stays there.
 */
async function attachDepositToJob(estimate: EstimateRecord, jobId: string, deps: Pick<ScheduleDeps, 'invoices' | 'jobDocuments' | 'jobs' | 'clock'>): Promise<void> {
  const depositId = estimate.decision?.depositInvoiceId;
  if (!depositId) return;
  return readModifyWrite<InvoiceState | null, void>(
    () => deps.invoices.getInvoice(estimate.businessId, depositId, { consistent: true }),
    async (deposit) => {
      if (!deposit || (deposit.jobId !== null && deposit.jobId !== jobId)) return { done: undefined };
      // The job then lists what was paid and counts it as paid (shared/invoices/job-account.ts).
      const filed = async (invoice: InvoiceRecord) => {
        await linkToJob('invoice', invoice, null, deps);
        await invoiceMovedToJob(estimate.businessId, deposit, jobId, null, deps);
      };
      if (deposit.jobId === jobId) return { done: await filed(toInvoiceRecord(deposit)) };
      const attached: InvoiceRecord = { ...toInvoiceRecord(deposit), jobId, version: deposit.version + 1, updatedAt: deps.clock.now().toISOString() };
      return { write: () => deps.invoices.putInvoice(attached, trackingOf(deposit), deposit.version), after: () => filed(attached) };
    },
    () => new Conflict('Your visit is booked, but its deposit invoice kept changing while we filed it under the job. Please try again.'),
  );
}
