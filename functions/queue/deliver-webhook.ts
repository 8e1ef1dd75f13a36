/** The webhooks queue's consumer: fans each event out to the subscribed endpoints, then delivers each, signed. */
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { deliverWithRetry, fanOut } from '../../shared/business-api/events';
import { consumerByName } from '../../shared/routes';
import { queueConsumer } from './consumer';

export const handler = queueConsumer(consumerByName('deliverWebhook'), { aws: { queues: sqsQueues } }, async (job, deps) => {
  const endpoints = deps.stores.webhooks;
  if (job.kind === 'event') {
    return { kind: job.kind, eventType: job.event.type, count: await fanOut(job.event, { endpoints, webhooks: deps.queues.webhooks }) };
  }
  const outcome = await deliverWithRetry(job, { endpoints, http: deps.http, clock: deps.clock, webhooks: deps.queues.webhooks });
  return { kind: job.kind, eventType: job.event.type, endpointId: job.endpointId, attempt: job.attempt, outcome };
});
