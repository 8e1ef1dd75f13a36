import type { NotificationJob } from './notifications/port';
import type { WebhookJob } from './business-api/port';
import type { PaymentEventJob } from './payments/port';

export interface QueueMessages {
  notifications: NotificationJob;
  webhooks: WebhookJob;
  payments: PaymentEventJob;
}

export interface MessageQueue<M> {
  /** `delaySeconds` (≤ 900, SQS's limit) holds the message back before anyone may receive it. */
  send(message: M, options?: { delaySeconds?: number }): Promise<void>;
}
