/**
 * Confirmations to the customer: approving an estimate, and booking its visit. Each is a
 * follow-up step owed by the deciding write itself (shared/followups), like the event to the
 * business: the request runs it at once, the re-driver after a crash. The step only queues the
 * send; the notifications consumer mints an estimate link and sends the message once, under a
 * claim keyed by the decision's (or the booking's) own request id (shared/link-sends/send-object-link.ts),
 * so the fast path and the re-driver queueing it both, or a queue delivering it twice, send one.
 *
 * The customer's channel: their email if they have one, else a text (as receipts go). The
 * language: theirs (shared/directory/languages.ts), chosen by the consumer when it writes.
 */
import { defineStep, owe, type StepToOwe } from '../followups/owed';
import { need } from '../followups/need';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { NoticeStepDeps } from '../notifications/notice-step';
import type { EstimateRecord } from './model';

export type Confirmation = 'approval' | 'booking';

/** What a confirmation uses: the customer's addresses, and the notifications queue. */
export type ConfirmationStepDeps = { directory: DirectoryStore; clock: Clock } & NoticeStepDeps;

type ConfirmationArgs = { businessId: string; estimateId: string; customerId: string; confirms: Confirmation; requestId: string };

/** The send's request id: one per decision or booking, so each is confirmed once. */
export const confirmationRequestId = (confirms: Confirmation, requestId: string) => `${confirms}#${requestId}`;

export const confirmationStep = defineStep<ConfirmationArgs, ConfirmationStepDeps>('estimate-confirmation', async (a, deps) => {
  const customer = await deps.directory.getCustomer(a.businessId, a.customerId);
  const channel = customer?.email ? 'email' : customer?.phone ? 'sms' : null;
  // A customer with no address (or no longer there) gets nothing: there is nobody to tell.
  if (!channel) return;
  await need(deps.notifications, 'the notifications queue').send({
    kind: 'object-link',
    object: 'estimate',
    confirms: a.confirms,
    requestId: confirmationRequestId(a.confirms, a.requestId),
    businessId: a.businessId,
    objectId: a.estimateId,
    channel,
    requestedAt: deps.clock.now().toISOString(),
  });
});

/** What an approval owes the customer: its confirmation, with a link to the estimate and its signed PDF. */
export const oweApprovalConfirmation = (estimate: EstimateRecord): StepToOwe =>
  owe(confirmationStep, `approval#${estimate.id}`, { businessId: estimate.businessId, estimateId: estimate.id, customerId: estimate.customerId, confirms: 'approval', requestId: estimate.decision!.requestId });

/** What a booking owes the customer: its confirmation, with the time and (by email) a calendar file. */
export const oweBookingConfirmation = (estimate: EstimateRecord): StepToOwe =>
  owe(confirmationStep, `booking#${estimate.id}`, { businessId: estimate.businessId, estimateId: estimate.id, customerId: estimate.customerId, confirms: 'booking', requestId: estimate.booking!.requestId });
