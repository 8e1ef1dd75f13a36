/**
 * What becomes of a request: the customer withdraws it, or the business schedules it (the job it
 * became) or declines it (with a reason). Each is one UpdateItem on the version read, and only a
 * `new` request moves, so of a withdrawal and a scheduling at once exactly one is written and the
 * other reads it and answers 409 before it has any effect. The write owes what follows it in the
 * same item: `request.withdrawn` to the business, or the notice to the customer.
 * The business may also attach a request from its website to a customer (an existing one, or one
 * it makes from the contact the request gave).
 */
import type { Session } from '../auth/model';
import { upsertCustomer } from '../directory/customers';
import type { DirectoryStore } from '../directory/port';
import { eventId, oweEvent } from '../events/emit';
import { crashPoint } from '../followups/crash';
import { newOwedSteps, owe, type StepToOwe } from '../followups/owed';
import { stepOwner } from '../followups/port';
import { runLeftoverSteps, runOwedSteps } from '../followups/run';
import type { RequestStepDeps } from './create';
import type { JobStore } from '../jobs/port';
import { Conflict, InvalidInput, NotFound } from '../kernel/errors';
import { readModifyWrite } from '../kernel/read-modify-write';
import type { Clock } from '../kernel/types';
import { queueNoticeStep } from '../notifications/notice-step';
import type { NotificationJob } from '../notifications/port';
import { requestSteps } from './create';
import type { RequestDecision, ServiceRequest } from './model';
import type { RequestStore } from './port';
import { businessRequestView } from './views';


const notFound = (requestId: string) => new NotFound(`There is no request ${requestId}.`).saying('problems.requests.not-found');

/** A request the caller may see: the customer's own (not held), or any the business can see. */
function visibleTo(request: ServiceRequest | null, requestId: string, customerId?: string): ServiceRequest {
  if (!request || request.held || (customerId !== undefined && request.customerId !== customerId)) throw notFound(requestId);
  return request;
}

export async function getCustomerRequest(session: Session, requestId: string, deps: { requests: RequestStore }): Promise<ServiceRequest> {
  return visibleTo(await deps.requests.getRequest(session.businessId, requestId), requestId, session.customerId);
}

export async function getBusinessRequest(businessId: string, requestId: string, deps: { requests: RequestStore }): Promise<ServiceRequest> {
  return visibleTo(await deps.requests.getRequest(businessId, requestId), requestId);
}

const sameDecision = (request: ServiceRequest, decision: RequestDecision) =>
  request.status === decision.status &&
  (decision.status === 'scheduled' ? request.jobId === decision.jobId : decision.status === 'declined' ? request.declineReason === decision.reason : true);

const decidedAlready = (request: ServiceRequest) =>
  new Conflict(
    request.status === 'withdrawn'
      ? 'This request was withdrawn by the customer.'
      : request.status === 'scheduled'
        ? 'This request was already scheduled.'
        : 'This request was already declined.',
  ).saying(request.status === 'withdrawn' ? 'problems.requests.withdrawn' : request.status === 'scheduled' ? 'problems.requests.scheduled' : 'problems.requests.declined');

/** What a decision owes: the business hears of a withdrawal; the customer is told of the business's answer. */
function stepsOwedBy(request: ServiceRequest, at: string): StepToOwe[] {
  if (request.status === 'withdrawn') {
    return [oweEvent({ id: eventId('request.withdrawn', request.id), type: 'request.withdrawn', createdAt: at, businessId: request.businessId, data: businessRequestView(request) })];
  }
  const job: NotificationJob = { kind: 'request-decided', businessId: request.businessId, requestId: request.id };
  return [owe(queueNoticeStep, `request-decided:${request.id}`, { job })];
}

/**
 * The one deciding write: `new` → the decision, on the version read. A repeat of the same decision
 * answers as the first did (and finishes what it owed); any other decision after one is a 409.
 */
async function decide(
  businessId: string,
  requestId: string,
  decision: RequestDecision,
  check: (request: ServiceRequest) => ServiceRequest | Promise<ServiceRequest>,
  deps: { requests: RequestStore; clock: Clock; steps: RequestStepDeps },
): Promise<ServiceRequest> {
  const result = await readModifyWrite<ServiceRequest | null, { request: ServiceRequest; owed: ReturnType<typeof newOwedSteps> | null }>(
    () => deps.requests.getRequest(businessId, requestId, { consistent: true }),
    async (stored) => {
      const request = await check(visibleTo(stored, requestId));
      if (sameDecision(request, decision)) return { done: { request, owed: null } };
      if (request.status !== 'new') throw decidedAlready(request);
      const now = deps.clock.now();
      const at = now.toISOString();
      const next: ServiceRequest = {
        ...request,
        status: decision.status,
        jobId: decision.status === 'scheduled' ? decision.jobId : null,
        declineReason: decision.status === 'declined' ? decision.reason : null,
        decidedAt: at,
        version: request.version + 1,
        updatedAt: at,
      };
      const owed = newOwedSteps(stepsOwedBy(next, at), now);
      return { write: () => deps.requests.putRequest(next, request.version, owed), after: () => ({ request: next, owed }) };
    },
    () => new Conflict('This request kept changing. Please retry.'),
    // A lost write is settled: the next read finds the winner and answers at once.
    { backoff: false },
  );
  const owner = stepOwner('request', result.request);
  if (result.owed) await runOwedSteps(owner, result.owed, requestSteps, deps.steps);
  else await runLeftoverSteps(owner, requestSteps, deps.steps);
  return result.request;
}

/** The customer withdraws their own new request (`POST /api/requests/{id}/withdraw`). */
export function withdrawRequest(session: Session, requestId: string, deps: { requests: RequestStore; clock: Clock; steps: RequestStepDeps }): Promise<ServiceRequest> {
  return decide(session.businessId, requestId, { status: 'withdrawn' }, (request) => {
    if (request.customerId !== session.customerId) throw notFound(requestId);
    return request;
  }, deps);
}

/**
 * The business links the job the request became (`POST requests/{id}/schedule`). The job must be
 * the request's customer's: a request from the website is attached to a customer first.
 */
export function scheduleRequest(businessId: string, requestId: string, jobId: string, deps: { requests: RequestStore; jobs: JobStore; clock: Clock; steps: RequestStepDeps }): Promise<ServiceRequest> {
  return decide(businessId, requestId, { status: 'scheduled', jobId }, async (request) => {
    if (request.status !== 'new') return request;
    if (!request.customerId) throw new Conflict('This request is not attached to a customer yet: attach it (POST requests/{id}/customer), then schedule it.');
    const job = await deps.jobs.getJob(businessId, jobId);
    if (!job) throw new InvalidInput([{ field: 'jobId', message: 'is not a job of this business', said: { key: 'problems.requests.not-a-job' } }]);
    if (job.customerId !== request.customerId) throw new InvalidInput([{ field: 'jobId', message: "is another customer's job", said: { key: 'problems.requests.other-customers-job' } }]);
    return request;
  }, deps);
}

/** The business declines a new request, with its reason (`POST requests/{id}/decline`). */
export function declineRequest(businessId: string, requestId: string, reason: string, deps: { requests: RequestStore; clock: Clock; steps: RequestStepDeps }): Promise<ServiceRequest> {
  return decide(businessId, requestId, { status: 'declined', reason }, (request) => request, deps);
}

/**
 * `POST requests/{id}/customer`: the customer a request from the website is from. With `create`,
 * the customer is made from the request's contact (the contact's email and phone become theirs,
 * so they can sign in and find the request); otherwise it must exist. One conditional write on
 * the version read sets it, only while the request has none. The customer is made before that
 * write: a retry after a crash between the two finds the customer it made (its email is the
 * request's contact email) and finishes the attach; another customer under that id is a 409.
 */
export async function attachRequestCustomer(
  businessId: string,
  requestId: string,
  body: { customerId: string; create: boolean },
  deps: { requests: RequestStore; directory: DirectoryStore; clock: Clock },
): Promise<ServiceRequest> {
  const first = visibleTo(await deps.requests.getRequest(businessId, requestId, { consistent: true }), requestId);
  if (first.customerId === body.customerId) return first;
  if (first.customerId) throw new Conflict(`This request is already attached to customer ${first.customerId}.`);
  const existing = await deps.directory.getCustomer(businessId, body.customerId);
  if (body.create) {
    const contact = first.contact!;
    const madeFromContact = existing && existing.email !== null && existing.email.toLowerCase() === contact.email.toLowerCase();
    if (existing && !madeFromContact) throw new Conflict(`Customer ${body.customerId} exists already: attach the request without \`create\`.`);
    if (!existing) {
      await upsertCustomer(businessId, body.customerId, { name: contact.name, email: contact.email, phone: contact.phone }, deps);
      crashPoint('request-customer:created');
    }
  } else if (!existing) {
    throw new NotFound(`There is no customer ${body.customerId}.`);
  }
  return readModifyWrite<ServiceRequest | null, ServiceRequest>(
    () => deps.requests.getRequest(businessId, requestId, { consistent: true }),
    (stored) => {
      const request = visibleTo(stored, requestId);
      if (request.customerId === body.customerId) return { done: request };
      if (request.customerId) throw new Conflict(`This request is already attached to customer ${request.customerId}.`);
      const at = deps.clock.now().toISOString();
      const next: ServiceRequest = { ...request, customerId: body.customerId, version: request.version + 1, updatedAt: at };
      return { write: () => deps.requests.putRequest(next, request.version), after: () => next };
    },
    () => new Conflict('This request kept changing. Please retry.'),
  );
}
