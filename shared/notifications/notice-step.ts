import { defineStep } from '../followups/owed';
import { need, type StepDeps } from '../followups/step-deps';
import type { NotificationJob } from './port';

/**
 * The step a deciding write owes to tell the customer (a checkout's end, an address changed):
 * queue the notice, which the notifications consumer sends once.
 */
export const queueNoticeStep = defineStep<{ job: NotificationJob }, StepDeps>('notice', async ({ job }, deps) => need(deps.notifications, 'the notifications queue').send(job));
