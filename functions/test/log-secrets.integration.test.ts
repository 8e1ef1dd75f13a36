/**
 * Rule 11 and 36 (docs/security.md): run every flow the portal has — sign-in by email and text,
 * the job pages, every business API write, invitations, messages both ways, a signed webhook,
 * uploads, idempotent replays, refusals — then grep every log line the run wrote for each sign-in
 * token, session id, API key, webhook secret and email address it issued or handled.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintApiKey } from '../../shared/business-api/api-keys';
import { demo } from '../../infra/local/seed';
import { newestToken, requestLinkToken, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { sessionCookieName } from '../http/cookies';
import { completeCheckout } from '../../infra/local/testing/stripe';

let stack: TestStack;
let listener: Server;
const consoleLines: string[] = [];
const issued = new Set<string>();
const remember = (...values: (string | null | undefined)[]) => values.forEach((v) => v && issued.add(v));

beforeAll(async () => {
  stack = await startTestStack({ consoleLines });
  listener = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await stack.stop();
  listener.close();
});

async function signIn(client: PortalClient, portal: string, email: string) {
  stack.nextRateWindow();
  const token = await requestLinkToken(stack, client, portal, email);
  remember(token);
  expect((await client.post('/api/auth/verify', { token })).status).toBe(200);
  remember(client.cookies.get(sessionCookieName));
}

test('every flow of the portal runs once', async () => {
  const acme: BusinessClient = stack.business('acme');
  remember(stack.demo.acme.apiKey, stack.demo.brightclean.apiKey, demo.jordan.email, demo.sam.email, demo.jordan.phone);

  // Sign-in by email and by text, the link page, reads, a refused verify.
  const jordan = stack.client();
  await signIn(jordan, 'acme', demo.jordan.email);
  stack.nextRateWindow();
  expect((await stack.client().post('/api/auth/magic-link', { portal: 'acme', phone: demo.jordan.phone })).status).toBe(202);
  await stack.drainQueues();
  const smsToken = newestToken(stack);
  remember(smsToken);
  expect((await stack.client().getWithLink('/api/link', smsToken)).status).toBe(200);
  expect((await stack.client().post('/api/auth/verify', { token: 'x'.repeat(43) })).status).toBe(401);
  for (const path of ['/api/me', '/api/jobs', '/api/jobs?when=past', '/api/jobs/job_wh1041', '/api/jobs/job_wh1041/messages']) {
    expect((await jordan.get(path)).status).toBe(200);
  }

  // The business API: a customer, a job, a contact change, a note, an upload, an invitation.
  const casey = 'casey.logs@example.com';
  remember(casey, 'casey.new@example.com', '+15555550166');
  expect((await acme.put('/customers/c-logs', { name: 'Casey Logs', email: casey, phone: '+15555550166' })).status).toBe(201);
  const job = {
    customerId: 'c-logs', number: 'L-1', title: 'Log test', status: 'scheduled',
    scheduledStart: '2030-01-01T15:00:00Z', scheduledEnd: '2030-01-01T17:00:00Z',
    arrivalWindow: { start: '2030-01-01T15:00:00Z', end: '2030-01-01T16:00:00Z' },
    address: { line1: '1 Log Road', city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
    contact: { name: 'Casey Logs', email: casey }, currency: 'USD', charges: [{ id: 'a', description: 'Work', quantity: 1, unitAmount: 100 }],
  };
  expect((await acme.put('/jobs/j-logs', job)).status).toBe(201);
  expect((await acme.put('/customers/c-logs', { name: 'Casey Logs', email: 'casey.new@example.com', phone: '+15555550166' })).status).toBe(200);
  expect((await acme.post('/jobs/j-logs/notes', { text: `Gate code is 4411, call ${casey}` }, { 'idempotency-key': 'note-1' })).status).toBe(201);
  expect((await acme.post('/jobs/j-logs/notes', { text: `Gate code is 4411, call ${casey}` }, { 'idempotency-key': 'note-1' })).status).toBe(201);
  const file = Buffer.from('hello, logs');
  const started = await acme.post('/jobs/j-logs/attachments', { fileName: 'notes.txt', contentType: 'text/plain', sizeBytes: file.length });
  expect(started.status).toBe(201);
  expect((await fetch(started.body.upload.url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: file })).status).toBe(200);
  expect((await acme.post(`/jobs/j-logs/attachments/${started.body.id}/complete`, {})).status).toBe(200);
  expect((await acme.post('/customers/c-logs/invite', { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  const caseyToken = stack.outbox.messages().find((m) => m.to === 'casey.new@example.com')!.link!.split('#token=')[1]!;
  remember(caseyToken);

  // Webhooks and messages both ways.
  const endpoint = await acme.post('/webhook-endpoints', { url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hook` });
  expect(endpoint.status).toBe(201);
  remember(endpoint.body.secret);
  expect((await acme.post('/jobs/job_wh1041/messages', { text: 'We are on our way.' })).status).toBe(201);
  expect((await jordan.request('POST', '/api/jobs/job_wh1041/messages', { json: { text: `Thanks! Text me on ${demo.jordan.phone}` }, headers: { 'idempotency-key': 'm-1' } })).status).toBe(201);
  await stack.drainQueues();
  expect(stack.webhooks.list().some((d) => d.status === 204)).toBe(true);

  // Paying: an invoice, a checkout, Stripe's signed webhook (a bad signature too), the receipt.
  const stripeKeys = await stack.source.secrets.stripe();
  remember(stripeKeys.secretKey, stripeKeys.webhookSecret);
  expect((await acme.put('/invoices/inv-logs', { customerId: demo.jordan.id, number: 'INV-LOGS', issuedAt: '2026-01-01T00:00:00Z', dueAt: '2026-02-01T00:00:00Z', currency: 'USD', lines: [{ description: 'Work', quantity: 1, unitAmount: 2500 }] })).status).toBe(201);
  expect((await acme.post('/invoices/inv-logs/payments', { amount: 500, currency: 'USD', method: 'check', reference: `Check from ${demo.jordan.email}` })).status).toBe(201);
  const paying = await jordan.post('/api/payments/checkout', { invoiceIds: ['inv-logs'] });
  expect(paying.status).toBe(201);
  await completeCheckout(stack, paying.body.url, 'card', { deliveries: 2 });
  const forged = await fetch(`${stack.url}/api/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': `t=1,v1=${stripeKeys.webhookSecret}` }, body: '{}' });
  expect(forged.status).toBe(400);
  await stack.drainQueues();
  expect((await jordan.get(`/api/payments/checkout/${paying.body.checkoutId}`)).body.status).toBe('paid');

  // Tracking: "on my way" by email, positions (one refused), the page with its ETag, arrival, completion.
  const trackedJob = { ...job, customerId: demo.jordan.id, contact: { name: 'Jordan Rivera', email: demo.jordan.email }, location: { lat: 39.78, lng: -89.65 } };
  expect((await acme.put('/jobs/j-track-logs', trackedJob)).status).toBe(201);
  expect((await acme.post('/jobs/j-track-logs/tracking', { technician: { name: 'Dev Okafor' }, channel: 'email' })).status).toBe(201);
  await stack.drainQueues();
  const trackingToken = newestToken(stack);
  remember(trackingToken);
  expect((await acme.put('/jobs/j-track-logs/tracking/position', { lat: 39.77, lng: -89.66, at: new Date().toISOString() })).status).toBe(200);
  expect((await acme.put('/jobs/j-track-logs/tracking/position', { lat: 91, lng: -89.66, at: new Date().toISOString() })).status).toBe(400);
  const tracked = await stack.client().getWithLink('/api/tracking', trackingToken);
  expect(tracked.status).toBe(200);
  expect((await stack.client().getWithLink('/api/tracking', trackingToken, { 'if-none-match': tracked.headers.get('etag')! })).status).toBe(304);
  expect((await acme.post('/jobs/j-track-logs/tracking/arrived', {})).status).toBe(200);
  expect((await acme.post('/jobs/j-track-logs/tracking/completed', {})).status).toBe(200);
  expect((await stack.client().getWithLink('/api/tracking', trackingToken)).status).toBe(410);

  // Keys: a minted one used, a revoked one refused, garbage refused.
  const minted = mintApiKey({ businessId: stack.demo.acme.business.id, name: 'logs', mode: 'test', scopes: ['read'], expiresAt: null }, stack.source);
  await stack.stores.apiKeys.putKey(minted.record);
  remember(minted.key);
  expect((await fetch(`${stack.url}/api/business/v1/settings`, { headers: { authorization: `Bearer ${minted.key}` } })).status).toBe(200);
  await stack.stores.apiKeys.revokeKey(minted.record.id, stack.demo.acme.business.id, new Date().toISOString());
  expect((await fetch(`${stack.url}/api/business/v1/settings`, { headers: { authorization: `Bearer ${minted.key}` } })).status).toBe(401);
  expect((await fetch(`${stack.url}/api/business/v1/settings`, { headers: { authorization: `Bearer ${minted.key.slice(0, -1)}x` } })).status).toBe(401);

  // Refusals carry user input into error paths.
  expect((await acme.put('/customers/c-bad', { name: 'Bad', email: `not an email ${casey}` })).status).toBe(400);
  expect((await jordan.post('/api/auth/logout')).status).toBe(204);
});

test('no log line carries a token, session id, API key, webhook secret or email address the run issued', () => {
  const logs = consoleLines.filter((line) => !line.includes('[outbox]'));
  expect(logs.filter((l) => l.includes('"message":"request"')).length).toBeGreaterThan(20);
  expect(logs.some((l) => l.includes('"message":"queue message"'))).toBe(true);
  // Structured by Powertools: the function, its request id and cold start on every request line.
  const request = JSON.parse(logs.find((l) => l.includes('"message":"request"'))!) as Record<string, unknown>;
  expect(request).toMatchObject({ level: 'INFO', service: 'portal', function_name: expect.any(String), function_request_id: expect.any(String), cold_start: expect.any(Boolean) });
  expect(issued.size).toBeGreaterThanOrEqual(16);
  const leaks = [...issued].flatMap((secret) => logs.filter((line) => line.includes(secret)).map((line) => `${secret.slice(0, 12)}… in ${line.slice(0, 160)}`));
  expect(leaks).toEqual([]);
});
