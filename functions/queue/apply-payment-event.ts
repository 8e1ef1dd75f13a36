/** The payments queue's consumer: applies each verified Stripe event (shared/paying/apply-event.ts). */
import { stripePayments } from '../../shared/adapters/aws/factories/payments';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { applyPaymentEvent } from '../../shared/paying/apply-event';
import { logger } from '../../shared/logging/logger';
import { stepDepsFrom } from '../../shared/steps/deps';
import { consumerByName } from '../../shared/routes/background';
import { queueConsumer } from './consumer';
import { stepStores } from '../wiring/step-stores';

export const handler = queueConsumer(consumerByName('applyPaymentEvent'), { stores: stepStores, aws: { payments: stripePayments, queues: sqsQueues } }, async (job, deps) => {
  const { event } = job;
  const result = await applyPaymentEvent(event, {
    ...stepDepsFrom(deps.stores, deps.clock, { notifications: deps.queues.notifications, webhooks: deps.queues.webhooks }),
    payments: deps.payments,
  });
  // Events that must never be applied silently: a person looks at these (docs/operations.md).
  if (result.outcome === 'rejected-account' || result.outcome === 'rejected-mode' || result.outcome === 'amount-mismatch') {
    logger.error('stripe event held for review', { eventType: event.type, outcome: result.outcome, businessId: result.businessId, checkoutId: result.checkoutId, stripeEventId: event.id });
  }
  return { kind: job.kind, eventType: event.type, stripeEventId: event.id, checkoutId: result.checkoutId, businessId: result.businessId, outcome: result.outcome };
});
