/**
 * Booking a visit after approval (and the deposit, where one is asked). The slot is the arbiter:
 * one conditional write books it for the estimate and takes it out of the open list, so a slot
 * is booked once across all the business's customers. Then the job is written (created from the
 * estimate, or the estimate's job rescheduled), then the estimate records the booking on the
 * version read, then a deposit invoice with no job is filed under the booked job. Each step is
 * safe to repeat: a retry finds the slot already booked for this estimate, the job already
 * written, and finishes.
 */
import type { ScheduleEstimateResponse, SlotView } from '../api/contract';
import { Conflict, InvalidInput } from '../domain/errors';
import type { Customer, EstimateRecord, InvoiceRecord, JobFields, SlotRecord } from '../domain/model';
import type { Clock, DirectoryStore, EstimateStore, InvoiceStore, JobDocumentStore, JobStore, MessageQueue, SlotStore, WebhookJob } from '../domain/ports';
import { linkToJob } from '../invoices/write-invoice';
import { toJobRecord } from '../data/entities/job';
import { toInvoiceRecord, trackingOf } from '../data/entities/invoice';
import { emitEvent, eventId } from '../business-api/events';
import { derivedId } from '../ids';
import { payableOf } from '../invoices/ledger';
import type { CustomerScope } from '../invoices/customer-invoices';
import { backoff, maxWriteAttempts } from '../domain/retry';
import { upsertJob } from '../jobs/write-job';
import { invoiceMovedToJob } from '../jobs/job-account';
import { estimateFor } from './customer-estimates';

/** How many open slots the picker offers at most (soonest first). */
export const slotPickerLimit = 50;

export type ScheduleDeps = {
  estimates: EstimateStore;
  slots: SlotStore;
  invoices: InvoiceStore;
  jobDocuments: JobDocumentStore;
  jobs: JobStore;
  directory: DirectoryStore;
  webhooks: MessageQueue<WebhookJob>;
  clock: Clock;
};

/** The job a booking creates when the estimate has none: its id derives from the estimate (business job ids never start with `estimate_`). */
export const bookedJobIdOf = (estimateId: string) => derivedId('estimate_', estimateId);

export async function openSlotsFor(caller: CustomerScope, estimateId: string, deps: Pick<ScheduleDeps, 'estimates' | 'slots' | 'invoices' | 'clock'>): Promise<{ items: SlotView[] }> {
  const estimate = await estimateFor(caller, estimateId, deps);
  await checkSchedulable(estimate, deps);
  return { items: await openSlots(estimate, deps) };
}

export async function scheduleEstimate(caller: CustomerScope, estimateId: string, slotId: string, requestId: string, deps: ScheduleDeps): Promise<ScheduleEstimateResponse> {
  for (let attempt = 0; attempt < maxWriteAttempts; attempt++) {
    const estimate = await estimateFor(caller, estimateId, deps, { consistent: true });
    if (estimate.booking && (estimate.booking.requestId === requestId || estimate.booking.slotId === slotId)) {
      await linkToJob('estimate', estimate, null, deps);
      await attachDepositToJob(estimate, estimate.booking.jobId, deps);
      return finishBooking(estimate, deps);
    }
    await checkSchedulable(estimate, deps);
    const slot = await deps.slots.getSlot(estimate.businessId, slotId);
    const now = deps.clock.now();
    const taken = async (detail: string) => new Conflict(detail, await openSlots(estimate, deps));
    if (!slot || new Date(slot.start).getTime() <= now.getTime()) throw await taken('That time is no longer available. Please pick another.');
    if (!fits(slot, estimate)) throw new InvalidInput([{ field: 'slotId', message: `is shorter than the ${estimate.scheduling!.durationMinutes} minutes this visit needs` }]);
    if (slot.bookedBy !== estimate.id && !(await deps.slots.bookSlot(estimate.businessId, slot.id, estimate.id, now.toISOString()))) {
      throw await taken('Someone just booked that time. Please pick another.');
    }
    const jobId = estimate.jobId ?? bookedJobIdOf(estimate.id);
    await writeJob(estimate, slot, jobId, deps);
    const at = now.toISOString();
    const booked: EstimateRecord = {
      ...estimate,
      status: 'scheduled',
      jobId,
      booking: { slotId: slot.id, start: slot.start, end: slot.end, jobId, at, requestId },
      version: estimate.version + 1,
      updatedAt: at,
    };
    if (await deps.estimates.putEstimate(booked, estimate.version)) {
      await linkToJob('estimate', booked, null, deps);
      await attachDepositToJob(booked, jobId, deps);
      return finishBooking(booked, deps);
    }
    // Another booking of this estimate won (a second tab): give this slot back.
    await deps.slots.releaseSlot(estimate.businessId, slot, estimate.id, at);
  }
  throw new Conflict('This estimate kept changing while we tried to book. Please reload it and try again.');
}

/** Approved, with scheduling offered and the deposit paid (or on its way). */
async function checkSchedulable(estimate: EstimateRecord, deps: Pick<ScheduleDeps, 'invoices'>): Promise<void> {
  if (estimate.status === 'scheduled') throw new Conflict('This visit is already booked.');
  if (estimate.status !== 'approved') throw new Conflict('Approve the estimate first: then you can book a visit.');
  if (!estimate.scheduling) throw new Conflict('The business books this work with you itself: there are no times to pick here.');
  const depositId = estimate.decision?.depositInvoiceId;
  if (depositId) {
    const deposit = await deps.invoices.getInvoice(estimate.businessId, depositId, { consistent: true });
    if (!deposit || payableOf(deposit) > 0) throw new Conflict('Pay the deposit first: then you can book a visit.');
  }
}

const fits = (slot: Pick<SlotRecord, 'start' | 'end'>, estimate: EstimateRecord) => Date.parse(slot.end) - Date.parse(slot.start) >= estimate.scheduling!.durationMinutes * 60_000;

async function openSlots(estimate: EstimateRecord, deps: Pick<ScheduleDeps, 'slots' | 'clock'>): Promise<SlotView[]> {
  const slots = await deps.slots.listOpenSlots(estimate.businessId, { from: deps.clock.now().toISOString(), limit: slotPickerLimit * 2 });
  return slots.filter((slot) => fits(slot, estimate)).slice(0, slotPickerLimit).map(({ id, start, end }) => ({ id, start, end }));
}

/** The estimate's job moved to the slot, or a new job made from the chosen option. */
async function writeJob(estimate: EstimateRecord, slot: SlotRecord, jobId: string, deps: Pick<ScheduleDeps, 'jobs' | 'directory' | 'clock'>): Promise<void> {
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

function newJobFields(estimate: EstimateRecord, customer: Customer, window: { start: string; end: string }): JobFields {
  const option = estimate.options.find((o) => o.id === estimate.decision!.optionId)!;
  return {
    customerId: estimate.customerId,
    number: estimate.number,
    title: `${estimate.title}: ${option.name}`,
    status: 'scheduled',
    scheduledStart: window.start,
    scheduledEnd: window.end,
    arrivalWindow: window,
    scopeOfWork: option.description,
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
  for (let attempt = 0; attempt < maxWriteAttempts; attempt++) {
    await backoff(attempt);
    const deposit = await deps.invoices.getInvoice(estimate.businessId, depositId, { consistent: true });
    if (!deposit || (deposit.jobId !== null && deposit.jobId !== jobId)) return;
    // The job then lists what was paid and counts it as paid (shared/jobs/job-account.ts).
    const filed = async (invoice: InvoiceRecord) => {
      await linkToJob('invoice', invoice, null, deps);
      await invoiceMovedToJob(estimate.businessId, deposit, jobId, null, deps);
    };
    if (deposit.jobId === jobId) return filed(toInvoiceRecord(deposit));
    const attached: InvoiceRecord = { ...toInvoiceRecord(deposit), jobId, version: deposit.version + 1, updatedAt: deps.clock.now().toISOString() };
    if (await deps.invoices.putInvoice(attached, trackingOf(deposit), deposit.version)) return filed(attached);
  }
  throw new Conflict('Your visit is booked, but its deposit invoice kept changing while we filed it under the job. Please try again.');
}

async function finishBooking(estimate: EstimateRecord, deps: Pick<ScheduleDeps, 'webhooks'>): Promise<ScheduleEstimateResponse> {
  const booking = estimate.booking!;
  await emitEvent(
    {
      id: eventId('estimate.scheduled', `${estimate.id}#${booking.slotId}`),
      type: 'estimate.scheduled',
      createdAt: booking.at,
      businessId: estimate.businessId,
      data: { estimateId: estimate.id, customerId: estimate.customerId, jobId: booking.jobId, slotId: booking.slotId, start: booking.start, end: booking.end },
    },
    deps,
  );
  return { status: 'scheduled', jobId: booking.jobId, start: booking.start, end: booking.end };
}
