import type { NotificationJob } from './notifications/port';
import type { WebhookJob } from './events/model';
import type { PaymentEventJob } from './payments/port';

export interface QueueMessages {
  notifications: NotificationJob;
  webhooks: WebhookJob;
  payments: PaymentEventJob;
}
