import type { UnreadJob } from './unread-entity';

/** What the customer has not read yet of the business's messages, by job. */
export interface UnreadStore {
  /** Counts the business's message as unread on its job (the same message twice counts once). */
  markUnread(businessId: string, customerId: string, job: { id: string; number: string; title: string }, messageId: string, now: string): Promise<void>;
  /** The customer opened the job's messages: nothing of it is unread. */
  markRead(businessId: string, customerId: string, jobId: string, now: string): Promise<void>;
  /** Each job with unread messages, with its count. */
  unreadJobs(businessId: string, customerId: string): Promise<UnreadJob[]>;
}
