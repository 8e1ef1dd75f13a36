/**
 * A signed-in customer asks for work (`POST /api/requests`). One conditional put decides: the
 * request's id comes from the idempotency record (a retry, or a double tap with the same key,
 * names the same request), so a repeat finds it there and answers it, never a second one. The
 * photos are claimed for that id first (a repeat claims them again for the same id: a no-op), and
 * the put owes `request.created`, which the request queues at once or the re-driver later.
 */
import type { CreateRequestBody, PublicRequestBody } from '../contract/customer/requests';
import type { Address, TimeWindow } from '../contract/common';
import { emitEventStep, eventId, oweEvent, type EventStepDeps } from '../events/emit';
import { queueNoticeStep, type NoticeStepDeps } from '../notifications/notice-step';
import { runLeftoverSteps, runOwedSteps, type AnyStep, type RunDeps } from '../followups/run';
import { stepOwner } from '../followups/port';
import { newOwedSteps, type StepToOwe } from '../followups/owed';
import { InvalidInput } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { Business } from '../directory/model';
import type { JobStore } from '../jobs/port';
import type { Session } from '../auth/model';
import { claimUploads, keepClaimedUploads } from '../uploads/claim';
import type { RequestFile, ServiceRequest } from './model';
import type { RequestStore } from './port';
import { businessRequestView } from './views';

/** What claiming the uploads needs (shared/uploads/claim.ts). */
export type ClaimDeps = Parameters<typeof claimUploads>[5];

/** The business's service the form named, as it is called now (kept with the request); null: "something else". */
export function serviceOf(business: Business, serviceId: string | null): ServiceRequest['service'] {
  if (serviceId === null) return null;
  const service = business.services.find((s) => s.id === serviceId);
  if (!service) throw new InvalidInput([{ field: 'serviceId', message: 'is not one of the services this business offers', said: { key: 'problems.requests.unknown-service' } }]);
  return { id: service.id, name: service.name };
}

/** Preferred times are ahead (a minute's grace for the clock of the phone), and within a year. */
export function checkWindows(windows: readonly TimeWindow[], now: Date): void {
  const year = 366 * 24 * 3600_000;
  windows.forEach((w, i) => {
    if (new Date(w.start).getTime() < now.getTime() - 60_000) {
      throw new InvalidInput([{ field: `windows.${i}.start`, message: 'must not be in the past', said: { key: 'problems.requests.past-window' } }]);
    }
    if (new Date(w.end).getTime() > now.getTime() + year) throw new InvalidInput([{ field: `windows.${i}.end`, message: 'must be within a year', said: { key: 'problems.requests.too-far' } }]);
  });
}

/** `request.created`, with the business's view of the request (it is the same on every retry). */
export const requestCreatedEvent = (request: ServiceRequest, at: string): StepToOwe =>
  oweEvent({ id: eventId('request.created', request.id), type: 'request.created', createdAt: at, businessId: request.businessId, data: businessRequestView(request) });

/** The fields both forms share, checked against the business and the clock. */
export function requestFields(business: Business, body: CreateRequestBody | PublicRequestBody, address: Address, files: RequestFile[], now: Date) {
  checkWindows(body.windows, now);
  return {
    service: serviceOf(business, body.serviceId),
    description: body.description,
    address,
    asSoonAsPossible: body.asSoonAsPossible,
    windows: body.asSoonAsPossible ? [] : body.windows.map((w) => ({ start: w.start, end: w.end })),
    urgency: body.urgency,
    files,
  };
}

const filesOf = (claimed: Awaited<ReturnType<typeof claimUploads>>): RequestFile[] => claimed.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, key: f.key }));

/** Claims the uploads a request names for it (a repeat for the same request is a no-op). */
export async function claimRequestFiles(
  body: { files: CreateRequestBody['files'] },
  businessId: string,
  customerId: string | null,
  requestId: string,
  deps: ClaimDeps,
  /** `keep: false`: a request held for its email confirmation; its files are kept once it is confirmed (`keepRequestFiles`). */
  options: { keep?: boolean } = {},
): Promise<RequestFile[]> {
  if (body.files.length === 0) return [];
  return filesOf(await claimUploads(body.files, { businessId, customerId }, 'request', requestId, (i) => `files.${i}`, deps, options));
}

/** A confirmed request's files, kept for good (shared/uploads/claim.ts: `keepClaimedUploads`). */
export async function keepRequestFiles(request: Pick<ServiceRequest, 'businessId' | 'id' | 'files'>, deps: ClaimDeps): Promise<RequestFile[]> {
  const keys = await keepClaimedUploads(request.files, request.businessId, request.id, deps);
  return request.files.map((file, i) => ({ ...file, key: keys[i]! }));
}

export interface CreateOutcome {
  request: ServiceRequest;
  /** False: this id was made before (a retry); nothing new was written. */
  created: boolean;
}

export async function createRequest(
  session: Session,
  business: Business,
  body: CreateRequestBody,
  mint: { id: string; at: string; language: string },
  deps: { requests: RequestStore; jobs: JobStore; clock: Clock; claims: ClaimDeps; steps: RequestStepDeps },
): Promise<CreateOutcome> {
  const { businessId, customerId } = session;
  const earlier = await deps.requests.getRequest(businessId, mint.id, { consistent: true });
  if (earlier) return answered(earlier, customerId, deps.steps);
  const now = deps.clock.now();
  let address: Address;
  if (body.addressFromJobId !== undefined) {
    // Only an address of the customer's own: another customer's job reads as no address at all.
    const job = await deps.jobs.getJob(businessId, body.addressFromJobId);
    if (!job || job.customerId !== customerId) {
      throw new InvalidInput([{ field: 'addressFromJobId', message: 'is not one of your addresses', said: { key: 'problems.requests.not-your-address' } }]);
    }
    address = job.address;
  } else {
    address = body.address!;
  }
  // Checked before anything is claimed: a refused form leaves the uploads free for the next try.
  const fieldsFirst = requestFields(business, body, address, [], now);
  const files = await claimRequestFiles(body, businessId, customerId, mint.id, deps.claims);
  const request: ServiceRequest = {
    businessId,
    id: mint.id,
    source: 'portal',
    customerId,
    contact: null,
    language: mint.language,
    held: false,
    status: 'new',
    ...fieldsFirst,
    files,
    jobId: null,
    declineReason: null,
    decidedAt: null,
    confirmation: null,
    version: 1,
    createdAt: mint.at,
    updatedAt: mint.at,
  };
  const owed = newOwedSteps([requestCreatedEvent(request, mint.at)], now);
  if (!(await deps.requests.putRequest(request, null, owed))) {
    // Made meanwhile by the same request's other attempt: answer it.
    const made = await deps.requests.getRequest(businessId, mint.id, { consistent: true });
    if (made) return answered(made, customerId, deps.steps);
    throw new Error(`Request ${mint.id} could not be written and is not there`);
  }
  await runOwedSteps(stepOwner('request', request), owed, requestSteps, deps.steps);
  return { request, created: true };
}

/** What a request's steps use: the queues its events and notices go by. */
export type RequestStepDeps = RunDeps & EventStepDeps & NoticeStepDeps;

/** The steps a request's writes owe: its events, and the notices to the person who asked. */
export const requestSteps = [emitEventStep, queueNoticeStep] as unknown as readonly AnyStep<RequestStepDeps>[];

/** A repeat answers the request it made, and finishes whatever that one's crash left owed. */
async function answered(request: ServiceRequest, customerId: string, steps: RequestStepDeps): Promise<CreateOutcome> {
  // Ids come from the caller's own idempotency record: another customer's would be a broken mint.
  if (request.customerId !== customerId) throw new Error(`Request ${request.id} was minted twice`);
  await runLeftoverSteps(stepOwner('request', request), requestSteps, steps);
  return { request, created: false };
}
