import { defineStep } from '../followups/owed';
import { need } from '../followups/need';
import type { MessageQueue } from '../kernel/types';
import type { NotificationJob } from './port';

/** What a notice step uses: the notifications queue, where the request has one (else the re-driver runs it). */
export interface NoticeStepDeps {
  notifications?: MessageQueue<NotificationJob> | undefined;
}

/**
 * The step a deciding write owes to tell the customer (a checkout's end, an address changed):
 * queue the notice, which the notifications consumer sends once.
 */
export const queueNoticeStep = defineStep<{ job: NotificationJob }, NoticeStepDeps>('notice', async ({ job }, deps) => need(deps.notifications, 'the notifications queue').send(job));
