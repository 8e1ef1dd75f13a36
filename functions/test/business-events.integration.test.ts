/**
 * The business events the dashboard shows (shared/logging/metrics.ts), end to end against the
 * local stack as Lambda would write them: one EMF line on stdout each, namespace Portal, the
 * event's dimension beside the stage and the stage alone, counted once where the write that makes
 * the event true reports it newly applied, so a repeated request, a queue message or a Stripe
 * webhook delivered again counts nothing more.
 */
import { demo } from '../../infra/local/seed';
import { signIn, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { invoiceBody } from '../../infra/local/testing/business-api';
import { completeCheckout } from '../../infra/local/testing/stripe';
import { signaturePng } from '../../infra/local/demo-files';
import { metricNames, type MetricName } from '../../shared/logging/metrics';

type EmfLine = Record<string, any> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } };

let stack: TestStack;
let acme: BusinessClient;
let jordan: PortalClient;
const written: EmfLine[] = [];
const savedRuntimeApi = process.env.AWS_LAMBDA_RUNTIME_API;

beforeAll(async () => {
  // As on Lambda: the metrics (and the logger's lines) go straight to stdout, where this file reads them.
  process.env.AWS_LAMBDA_RUNTIME_API = '127.0.0.1:9001';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      try {
        const parsed = JSON.parse(line) as Partial<EmfLine>;
        if (parsed._aws) written.push(parsed as EmfLine);
      } catch {
        // not a JSON line
      }
    }
    return true;
  });
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
});
afterAll(async () => {
  await stack.stop();
  jest.restoreAllMocks();
  if (savedRuntimeApi === undefined) delete process.env.AWS_LAMBDA_RUNTIME_API;
  else process.env.AWS_LAMBDA_RUNTIME_API = savedRuntimeApi;
});
beforeEach(() => {
  written.length = 0;
});

const day = 24 * 3600_000;
const iso = (offsetMs: number) => new Date(stack.source.clock.now().getTime() + offsetMs).toISOString();

/** The lines of one metric written since the test began. */
const linesOf = (name: MetricName) => written.filter((line) => line._aws.CloudWatchMetrics[0]!.Metrics.some((m) => m.Name === name));

/** One line, counting 1, in EMF: the dimension (if any) beside the stage, and the stage alone. */
function expectCountedOnce(name: MetricName, dimensions: Record<string, string> = {}) {
  const lines = linesOf(name);
  expect(lines).toHaveLength(1);
  const keys = Object.keys(dimensions);
  expect(lines[0]).toMatchObject({ stage: expect.any(String), ...dimensions, [name]: 1 });
  expect(lines[0]).not.toHaveProperty('service');
  expect(lines[0]!._aws.CloudWatchMetrics).toEqual([{ Namespace: 'Portal', Dimensions: keys.length ? [['stage', ...keys], ['stage']] : [['stage']], Metrics: [{ Name: name, Unit: 'Count' }] }]);
}

test('a sign-in link: sent once by its channel, used once', async () => {
  jordan = await signIn(stack, demo.jordan.email);
  expectCountedOnce(metricNames.signInLinksSent, { channel: 'email' });
  expectCountedOnce(metricNames.signInLinksUsed, { channel: 'email' });
});

test('a checkout: started once however often it is asked for in its window; completed and recorded once by method however often Stripe delivers it', async () => {
  const created = await acme.put('/invoices/inv_events_1', invoiceBody(stack, demo.jordan.id, { number: 'EV-1', lines: [{ description: 'Work', quantity: 1, unitAmount: 12_500 }] }));
  expect(created.status).toBe(201);
  const started = await jordan.post<{ url: string }>('/api/payments/checkout', { invoiceIds: ['inv_events_1'] });
  const again = await jordan.post<{ url: string }>('/api/payments/checkout', { invoiceIds: ['inv_events_1'] });
  expect([started.status, again.status, again.body.url]).toEqual([201, 201, started.body.url]);
  expectCountedOnce(metricNames.checkoutsStarted);
  expect(linesOf(metricNames.checkoutsCompleted)).toEqual([]);

  await completeCheckout(stack, started.body.url, 'card', { deliveries: 5 });
  expectCountedOnce(metricNames.checkoutsCompleted);
  expectCountedOnce(metricNames.paymentsRecorded, { method: 'card' });
});

test('a payment by financing is recorded by its method', async () => {
  const created = await acme.put('/invoices/inv_events_2', invoiceBody(stack, demo.jordan.id, { number: 'EV-2', lines: [{ description: 'Work', quantity: 1, unitAmount: 90_000 }] }));
  expect(created.status).toBe(201);
  const started = await jordan.post<{ url: string }>('/api/payments/checkout', { invoiceIds: ['inv_events_2'] });
  await completeCheckout(stack, started.body.url, 'affirm', { deliveries: 3 });
  expectCountedOnce(metricNames.paymentsRecorded, { method: 'affirm' });
});

test('an estimate: approved once, and its visit booked once, whatever the retries', async () => {
  const estimate = {
    customerId: demo.jordan.id, number: 'E-EV', title: 'New boiler', currency: 'USD', expiresAt: iso(30 * day), terms: 'Guaranteed for a year.',
    options: [{ id: 'only', name: 'Boiler', lines: [{ description: 'Boiler', quantity: 1, unitAmount: 100_000 }], taxAmount: 0 }],
    signature: 'drawn', deposit: null, scheduling: { durationMinutes: 120 },
    address: { line1: '1234 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
  };
  expect((await acme.put('/estimates/est_events', estimate)).status).toBe(201);
  const approval = { version: 1, optionId: 'only', signature: { name: 'Jordan Rivera', image: signaturePng(400) }, acceptTerms: true };
  const approved = await jordan.request('POST', '/api/estimates/est_events/approve', { json: approval, headers: { 'idempotency-key': 'events-approve' } });
  const retried = await jordan.request('POST', '/api/estimates/est_events/approve', { json: approval, headers: { 'idempotency-key': 'events-approve' } });
  expect([approved.status, retried.status]).toEqual([200, 200]);
  expectCountedOnce(metricNames.estimatesApproved);

  const slot = await acme.put('/slots/slot_events', { start: iso(5 * day), end: iso(5 * day + 2 * 3600_000) });
  expect(slot.status).toBe(201);
  const booked = await jordan.post('/api/estimates/est_events/schedule', { slotId: 'slot_events' });
  const rebooked = await jordan.post('/api/estimates/est_events/schedule', { slotId: 'slot_events' });
  expect([booked.status, rebooked.status]).toEqual([200, 200]);
  expectCountedOnce(metricNames.visitsBooked);
});
