/**
 * Outgoing webhooks that one slow receiver cannot break (rule 62), retried on a schedule of
 * about three days and then disabled with an email (rule 63), and what the business sees and
 * does about its deliveries (rule 64). The local stack with the real handlers; queue delays are
 * scaled down a million times, so three days of retries take about a second.
 */
import type { SQSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lambdaContext } from '../../infra/local/lambda-context';
import { captureConsole, startTestStack, type BusinessClient, type TestStack } from '../../infra/local/test-support';
import { deliveryIdOf, newDelivery } from '../../shared/business-api/events';
import { eventId } from '../../shared/events/emit';
import { maxAttempts, retryScheduleSeconds } from '../../shared/business-api/webhook-retries';
import type { BusinessEvent, WebhookJob } from '../../shared/events/model';
import { startListener } from './business-api.support';

let stack: TestStack;
let acme: BusinessClient;
let bright: BusinessClient;
let restoreConsole: () => void;
const sent: { message: WebhookJob; delaySeconds: number }[] = [];

beforeAll(async () => {
  restoreConsole = captureConsole([]);
  stack = await startTestStack({ queueDelayScale: 1e-6 });
  acme = stack.business('acme');
  bright = stack.business('brightclean');
  // Every message the webhooks queue is given, with its delay, as SQS would be asked.
  const send = stack.queues.webhooks.send.bind(stack.queues.webhooks);
  stack.queues.webhooks.send = async (message, options = {}) => {
    sent.push({ message, delaySeconds: options.delaySeconds ?? 0 });
    return send(message, options);
  };
});
afterAll(async () => {
  await stack.stop();
  restoreConsole();
});

let n = 0;
const testEvent = (businessId: string): BusinessEvent => ({
  id: eventId('job.message.created', `msg_test_${++n}_${randomUUID()}`),
  type: 'job.message.created',
  createdAt: stack.source.clock.now().toISOString(),
  businessId,
  data: { jobId: 'job_fc1090', n },
});

/** Stores the delivery record as the fan-out would, and returns its queue message. */
async function deliveryJob(businessId: string, endpointId: string): Promise<Extract<WebhookJob, { kind: 'delivery' }>> {
  const event = testEvent(businessId);
  const deliveryId = deliveryIdOf(event, endpointId);
  await stack.stores.webhookDeliveries.putDelivery(newDelivery(deliveryId, endpointId, event, event.createdAt));
  return { kind: 'delivery', event, endpointId, deliveryId, attempt: 1 };
}

const sqsBatch = (jobs: WebhookJob[]): SQSEvent =>
  ({
    Records: jobs.map((job, i) => ({
      messageId: `m${i}`,
      receiptHandle: `m${i}`,
      body: JSON.stringify(job),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:webhooks',
      awsRegion: 'local',
    })),
  }) as SQSEvent;

const deliverWebhook = () => (require('../queue/deliver-webhook') as typeof import('../queue/deliver-webhook')).handler;

/** A receiver that accepts the connection and never answers. */
async function startHangingListener() {
  const hits: string[] = [];
  const server: Server = createServer((req) => void hits.push(req.url ?? ''));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hang`,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

async function createEndpoint(client: BusinessClient, url: string): Promise<string> {
  const res = await client.post('/webhook-endpoints', { url, events: ['job.message.created'] });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('rule 62: one slow receiver cannot break a batch', () => {
  test('a hanging endpoint and two good ones (another business\'s among them) in one batch: the good ones are delivered in time; only the hanging one is queued again', async () => {
    const hanging = await startHangingListener();
    const good = await startListener();
    const otherGood = await startListener();
    try {
      const hangingId = await createEndpoint(acme, hanging.url);
      const goodId = await createEndpoint(acme, good.url);
      const brightId = await createEndpoint(bright, otherGood.url);
      const jobs = [
        await deliveryJob(stack.demo.acme.business.id, hangingId),
        await deliveryJob(stack.demo.acme.business.id, goodId),
        await deliveryJob(stack.demo.brightclean.business.id, brightId),
      ];
      sent.length = 0;
      // The function has 4 s left: each delivery gets its own deadline inside that (4 s − the bookkeeping reserve).
      const started = Date.now();
      const result = await deliverWebhook()(sqsBatch(jobs), lambdaContext('deliverWebhook', 4_000));
      const took = Date.now() - started;
      expect(took).toBeLessThan(4_000);
      expect(result).toEqual({ batchItemFailures: [] });
      expect(good.received).toHaveLength(1);
      expect(otherGood.received).toHaveLength(1);
      expect(hanging.hits).toEqual(['/hang']);
      // Only the hanging endpoint's delivery comes back, as its second attempt, 5 s later.
      expect(sent.map((s) => ({ endpointId: (s.message as { endpointId: string }).endpointId, attempt: (s.message as { attempt: number }).attempt, delaySeconds: s.delaySeconds }))).toEqual([
        { endpointId: hangingId, attempt: 2, delaySeconds: 5 },
      ]);
      const list = async (client: BusinessClient, id: string) => (await client.get(`/webhook-endpoints/${id}/deliveries`)).body.items;
      expect(await list(acme, goodId)).toEqual([expect.objectContaining({ id: jobs[1]!.deliveryId, status: 'delivered', attempts: 1, lastResponseStatus: 200, lastError: null })]);
      expect(await list(bright, brightId)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
      expect(await list(acme, hangingId)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, lastResponseStatus: null, lastError: 'timeout', nextAttemptAt: expect.any(String) })]);
      // Stop the rest of its schedule: the endpoint goes, its queued attempt finds nothing to deliver to.
      expect((await acme.delete(`/webhook-endpoints/${hangingId}`)).status).toBe(204);
      await hanging.close();
      await stack.drainQueues();
      expect((await acme.delete(`/webhook-endpoints/${goodId}`)).status).toBe(204);
      expect((await bright.delete(`/webhook-endpoints/${brightId}`)).status).toBe(204);
    } finally {
      await hanging.close().catch(() => undefined);
      await good.close();
      await otherGood.close();
    }
  });

  test('with too little of the function\'s time left, messages are handed back to the queue (partial batch failure), not attempted', async () => {
    const good = await startListener();
    try {
      const goodId = await createEndpoint(acme, good.url);
      const job = await deliveryJob(stack.demo.acme.business.id, goodId);
      const result = await deliverWebhook()(sqsBatch([job]), lambdaContext('deliverWebhook', 1_000));
      expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm0' }] });
      expect(good.received).toEqual([]);
      expect((await acme.delete(`/webhook-endpoints/${goodId}`)).status).toBe(204);
    } finally {
      await good.close();
    }
  });
});

describe('rule 63: the retry schedule, then the endpoint is disabled and the business told', () => {
  let failingId: string;
  let failing: Awaited<ReturnType<typeof startListener>>;
  let answer = 500;
  let job: Extract<WebhookJob, { kind: 'delivery' }>;
  afterAll(async () => failing?.close());

  test(`a receiver answering 500 gets ${maxAttempts} attempts, waits of 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h (about three days), each hop ≤ 15 min`, async () => {
    failing = await startListener(() => answer);
    failingId = await createEndpoint(acme, failing.url);
    job = await deliveryJob(stack.demo.acme.business.id, failingId);
    sent.length = 0;
    const outboxBefore = stack.outbox.messages().length;
    await stack.queues.webhooks.send(job);
    await stack.drainQueues();

    expect(failing.received).toHaveLength(maxAttempts);
    expect(new Set(failing.received.map((h) => h.headers['webhook-id']))).toEqual(new Set([job.event.id]));
    const mine = sent.filter((s) => s.message.kind === 'delivery' && s.message.endpointId === failingId);
    expect(mine.every((s) => s.delaySeconds <= 900)).toBe(true);
    // The wait before attempt n+1: the delays of every hop carrying attempt n+1.
    const waits = [];
    for (let attempt = 2; attempt <= maxAttempts; attempt++) {
      waits.push(mine.filter((s) => (s.message as { attempt: number }).attempt === attempt).reduce((sum, s) => sum + s.delaySeconds, 0));
    }
    expect(waits).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000, 36000, 36000, 36000, 36000, 36000]);
    expect(waits).toEqual([...retryScheduleSeconds]);
    const days = waits.reduce((a, b) => a + b, 0) / 86_400;
    expect(days).toBeGreaterThan(2.5);
    expect(days).toBeLessThan(3.5);

    // Disabled, and GET webhook-endpoints says why and since when.
    const endpoint = (await acme.get('/webhook-endpoints')).body.items.find((e: { id: string }) => e.id === failingId);
    expect(endpoint).toMatchObject({ status: 'disabled', disabledReason: expect.stringContaining('http-500'), disabledAt: expect.any(String) });
    // The business is told by email, at the contact address in its settings.
    const emails = stack.outbox.messages().slice(0, stack.outbox.messages().length - outboxBefore);
    expect(emails).toEqual([expect.objectContaining({ channel: 'email', to: 'office@acme-plumbing.example', subject: expect.stringContaining('webhook endpoint was turned off') })]);
    expect(JSON.stringify(emails[0])).toContain(failingId);
    // The delivery shows its whole history.
    const deliveries = (await acme.get(`/webhook-endpoints/${failingId}/deliveries`)).body.items;
    expect(deliveries).toEqual([expect.objectContaining({ id: job.deliveryId, status: 'failed', attempts: maxAttempts, lastResponseStatus: 500, lastError: 'http-500', nextAttemptAt: null })]);
  });

  test('the email goes out once: a redelivered notice sends nothing', async () => {
    const endpoint = (await stack.stores.webhooks.getEndpoint(stack.demo.acme.business.id, failingId))!;
    const before = stack.outbox.messages().length;
    await stack.queues.notifications.send({ kind: 'webhook-endpoint-disabled', businessId: endpoint.businessId, endpointId: endpoint.id, disabledAt: endpoint.disabledAt! });
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before);
  });

  test('a disabled endpoint gets no new events; a re-send is refused until it is enabled again', async () => {
    const before = failing.received.length;
    expect((await stack.client().get('/api/health')).status).toBe(200);
    await stack.queues.webhooks.send({ kind: 'event', event: testEvent(stack.demo.acme.business.id) });
    await stack.drainQueues();
    expect(failing.received).toHaveLength(before);
    const refused = await acme.post(`/webhook-endpoints/${failingId}/deliveries/${job.deliveryId}/retry`, {});
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
  });

  test('rule 64: enable, then re-send the failed delivery: a new delivery of the same event, listed first; an Idempotency-Key repeat queues nothing more', async () => {
    const enabled = await acme.post(`/webhook-endpoints/${failingId}/enable`, {});
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ id: failingId, status: 'active', disabledReason: null, disabledAt: null });
    answer = 200;
    const before = failing.received.length;
    const key = { 'idempotency-key': `retry-${randomUUID()}` };
    const first = await acme.post(`/webhook-endpoints/${failingId}/deliveries/${job.deliveryId}/retry`, {}, key);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ id: expect.stringMatching(/^whd_/), eventId: job.event.id, status: 'pending', attempts: 0 });
    expect(first.body.id).not.toBe(job.deliveryId);
    const repeat = await acme.post(`/webhook-endpoints/${failingId}/deliveries/${job.deliveryId}/retry`, {}, key);
    expect(repeat.status).toBe(202);
    expect(repeat.body).toEqual(first.body);
    await stack.drainQueues();
    expect(failing.received).toHaveLength(before + 1);
    expect(failing.received.at(-1)!.headers['webhook-id']).toBe(job.event.id);
    const list = (await acme.get(`/webhook-endpoints/${failingId}/deliveries`)).body.items;
    expect(list.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [first.body.id, 'delivered'],
      [job.deliveryId, 'failed'],
    ]);
  });
});

describe('rule 64: the deliveries list', () => {
  test('newest first, paged with a checked cursor; unknown endpoint → 404; bad ids → 400 naming the field', async () => {
    const listener = await startListener();
    try {
      const id = await createEndpoint(acme, listener.url);
      const made: string[] = [];
      for (let i = 0; i < 3; i++) {
        const job = await deliveryJob(stack.demo.acme.business.id, id);
        stack.advanceClock(1_000);
        made.push(job.deliveryId!);
      }
      const page1 = await acme.get(`/webhook-endpoints/${id}/deliveries?limit=2`);
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((d: { id: string }) => d.id)).toEqual([made[2], made[1]]);
      expect(page1.body.hasMore).toBe(true);
      const page2 = await acme.get(`/webhook-endpoints/${id}/deliveries?limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: made[0] })], hasMore: false, nextCursor: null });
      const forged = await acme.get(`/webhook-endpoints/${id}/deliveries?cursor=${Buffer.from(JSON.stringify({ sk: 'JOB#x' })).toString('base64url')}`);
      expect([forged.status, forged.body.errors]).toEqual([400, [{ field: 'query.cursor', message: expect.any(String) }]]);
      expect((await acme.get(`/webhook-endpoints/${id}/deliveries?limit=101`)).body.errors).toEqual([{ field: 'query.limit', message: expect.any(String) }]);
      expect((await acme.get('/webhook-endpoints/we_0000000000000000000000/deliveries')).status).toBe(404);
      expect((await acme.post(`/webhook-endpoints/${id}/deliveries/nope/retry`, {})).body.errors).toEqual([{ field: 'path.deliveryId', message: expect.any(String) }]);
      expect((await acme.post(`/webhook-endpoints/${id}/deliveries/whd_0000000000000000000000/retry`, {})).status).toBe(404);
      expect((await acme.delete(`/webhook-endpoints/${id}`)).status).toBe(204);
    } finally {
      await listener.close();
    }
  });
});
