/**
 * The webhooks queue's consumer: fans each event out to the subscribed endpoints, then delivers
 * each, signed. A batch's messages run at once, each with its own deadline inside the function's
 * remaining time, so a receiver that hangs costs only its own message: the others are delivered,
 * and the hanging one's next attempt is queued on the retry schedule.
 */
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { publicWebhookTransport } from '../../shared/adapters/aws/factories/webhook-transport';
import { defaultDeliveryTimeoutMs } from '../../shared/adapters/http-transport';
import { fanOut } from '../../shared/business-api/events';
import { processDelivery } from '../../shared/business-api/webhook-retries';
import { consumerByName } from '../../shared/routes/background';
import { queueConsumer } from './consumer';
import { countMetric, emitMetrics, metricNames } from '../../shared/logging/metrics';
import { DynamoWebhookDeliveryStore } from '../../shared/business-api/delivery-store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** Kept back from each delivery's deadline for its bookkeeping after the POST (a write or two, a queue send). */
export const bookkeepingReserveMs = 3_000;
/** Less time than this left: the message is not attempted but handed back to SQS (it comes back later, not counted as an attempt). */
export const minimumAttemptMs = 500;

export class NoTimeLeft extends Error {
  override readonly name = 'NoTimeLeft';
}

export const handler = queueConsumer(
  consumerByName('deliverWebhook'),
  { stores: { webhookDeliveries: DynamoWebhookDeliveryStore, webhooks: DynamoBusinessApiStore }, aws: { queues: sqsQueues, http: publicWebhookTransport } },
  async (job, deps, _record, invocation) => {
    const endpoints = deps.stores.webhooks;
    const deliveries = deps.stores.webhookDeliveries;
    if (job.kind === 'event') {
      return { kind: job.kind, eventType: job.event.type, count: await fanOut(job.event, { endpoints, deliveries, webhooks: deps.queues.webhooks, clock: deps.clock }) };
    }
    const timeoutMs = Math.min(defaultDeliveryTimeoutMs, invocation.remainingMs() - bookkeepingReserveMs);
    if (timeoutMs < minimumAttemptMs) throw new NoTimeLeft(`${invocation.remainingMs()} ms left: handed back to the queue`);
    const outcome = await processDelivery(
      job,
      { endpoints, deliveries, http: deps.http, clock: deps.clock, webhooks: deps.queues.webhooks, notifications: deps.queues.notifications },
      timeoutMs,
    );
    emitMetrics([{ name: metricNames.webhookDeliveries, value: 1 }], { outcome }, { offLambda: 'skip' });
    // The business was emailed; ops hear of it too (an alarm): many at once means the fault is ours.
    if (outcome === 'disabled-endpoint-now') countMetric(metricNames.webhookEndpointsDisabled, 1);
    return { kind: job.kind, eventType: job.event.type, endpointId: job.endpointId, attempt: job.attempt, outcome };
  },
  { concurrent: true },
);
