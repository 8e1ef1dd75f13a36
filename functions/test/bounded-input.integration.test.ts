/**
 * Input whose cost the client chooses, bounded before it is paid (security.md rules 53–55),
 * through the local stack with the real handlers: a drawn signature whose PNG claims a huge size
 * or inflates like a bomb (53), amounts whose products and sums would leave exact integers (54),
 * and bodies nesting 10,000 levels deep (55). Each is a 400 problem+json naming the field, and
 * nothing is written.
 */
import { deflateSync } from 'node:zlib';
import { maxAmount } from '../../shared/contract/money';
import { demo } from '../../infra/local/seed';
import { pngOf, signaturePng } from '../../infra/local/demo-files';
import { signedInClient, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { invoiceBody, jobBody, writeRecorder } from '../../infra/local/testing/business-api';

let stack: TestStack;
let acme: BusinessClient;
let jordan: PortalClient;
let writes: ReturnType<typeof writeRecorder>;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  jordan = await signedInClient(stack, 'acme', demo.jordan.email);
  writes = writeRecorder(stack, 'bounded-input');
});
afterAll(() => stack.stop());

const day = 24 * 3600_000;
let base: number;
const iso = (offsetMs: number) => new Date((base ??= stack.source.clock.now().getTime()) + offsetMs).toISOString();

/** A 400 problem+json whose errors name `field` (and say `message`, when given). */
function expectRefused(res: { status: number; headers: Headers; body: any }, field: string, message?: RegExp) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const named = (res.body.errors as { field: string; message: string }[]).filter((e) => e.field === field);
  expect(named).toHaveLength(1);
  if (message) expect(named[0]!.message).toMatch(message);
}

const line = (quantity: number, unitAmount: number) => ({ description: 'Work', quantity, unitAmount });
const invoice = (overrides: Record<string, unknown>) => invoiceBody(stack, demo.jordan.id, { number: 'INV-B', ...overrides });
function estimateBody(overrides: Record<string, unknown> = {}) {
  return {
    customerId: demo.jordan.id,
    number: 'E-B',
    title: 'New boiler',
    currency: 'USD',
    expiresAt: iso(30 * day),
    options: [{ id: 'only', name: 'Only', lines: [line(1, 100_000)] }],
    signature: 'drawn',
    ...overrides,
  };
}

describe('rule 53: a drawn signature is sized from its header before anything is inflated', () => {
  const approve = (image: string) => jordan.post('/api/estimates/est_b_sign/approve', { version: 1, optionId: 'only', signature: { name: 'Jordan Rivera', image }, acceptTerms: true });
  const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

  beforeAll(async () => {
    expect((await acme.put('/estimates/est_b_sign', estimateBody())).status).toBe(201);
  });

  test('a header claiming 1,000,000 × 1,000,000 pixels → 400 naming signature.image', async () => {
    writes.reset();
    const res = await approve(dataUrl(pngOf(1_000_000, 1_000_000, 6, deflateSync(Buffer.alloc(1000)))));
    expectRefused(res, 'signature.image', /must be at most 3000×800 pixels/);
    expect(writes.dataWrites()).toEqual([]);
  });

  test('a bomb: 188 KB whose data inflates to 145 MB behind a 300×100 header → 400, answered fast', async () => {
    const bomb = dataUrl(pngOf(300, 100, 6, deflateSync(Buffer.alloc(145_000_000))));
    expect(bomb.length).toBeLessThan(200_000);
    writes.reset();
    const started = performance.now();
    const res = await approve(bomb);
    const ms = performance.now() - started;
    expectRefused(res, 'signature.image', /holds more image data than its 300×100 pixels/);
    expect(writes.dataWrites()).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });

  test('a real drawing still approves', async () => {
    expect((await approve(signaturePng(400))).status).toBe(200);
    // Its confirmation goes out now, not while a later test counts writes.
    await stack.drainQueues();
  });
});

describe('rule 55: bodies nesting 10,000 levels deep → 400 naming body, before anything recurses', () => {
  const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const deepArray = `{"charges":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;

  test.each([
    ['a 10,000-deep object (60 KB) on PUT jobs (business API)', () => acme.request('PUT', '/jobs/job_b_deep', { body: deepObject, headers: { 'content-type': 'application/json' } })],
    ['a 5,000-deep array (10 KB) on PUT jobs (business API)', () => acme.request('PUT', '/jobs/job_b_deep', { body: deepArray, headers: { 'content-type': 'application/json' } })],
    ['a 10,000-deep object on POST approve (portal, with an Idempotency-Key)', () =>
      jordan.request('POST', '/api/estimates/est_b_sign/approve', { body: `{"signature":${deepObject}}`, headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-1' } })],
  ])('%s', async (_name, send) => {
    expect(deepObject.length).toBeLessThan(64 * 1024);
    writes.reset();
    const res = await send();
    expectRefused(res, 'body', /must not nest objects or arrays more than 32 levels deep/);
    expect(writes.dataWrites()).toEqual([]);
  });
});

describe('rule 54: every amount and total stays at most maxAmount, so all arithmetic is exact', () => {
  // 1,000,000 × 10^10 = 10^16: past Number.MAX_SAFE_INTEGER, where sums stop being exact.
  const huge = line(1_000_000, 10_000_000_000);
  const atCeiling = line(1, maxAmount);

  test.each([
    ['PUT invoices: quantity × unitAmount past the ceiling', () => acme.put('/invoices/inv_b_huge', invoice({ lines: [line(1, 100), huge] })), 'lines.1', /quantity × unitAmount must come to at most/],
    ['PUT invoices: lines each at the ceiling, whose sum is not', () => acme.put('/invoices/inv_b_sum', invoice({ lines: [atCeiling, atCeiling] })), 'lines', /must come to at most/],
    ['PUT invoices: lines at the ceiling plus tax', () => acme.put('/invoices/inv_b_tax', invoice({ lines: [atCeiling], taxAmount: 1 })), 'lines', /must come to at most/],
    ['PUT jobs: a charge past the ceiling', () => acme.put('/jobs/job_b_huge', jobBody(stack, demo.jordan.id, 3 * day, { charges: [{ id: 'c1', ...huge }] })), 'charges.0', /quantity × unitAmount must come to at most/],
    ['PUT jobs: 200 charges at the ceiling', () => acme.put('/jobs/job_b_sum', jobBody(stack, demo.jordan.id, 3 * day, { charges: Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, ...atCeiling })) })), 'charges', /must come to at most/],
    ['PUT estimates: an option line past the ceiling', () => acme.put('/estimates/est_b_huge', estimateBody({ options: [{ id: 'o', name: 'O', lines: [huge] }] })), 'options.0.lines.0', /quantity × unitAmount must come to at most/],
    ['PUT estimates: an option whose lines and tax pass the ceiling', () => acme.put('/estimates/est_b_sum', estimateBody({ options: [{ id: 'o', name: 'O', lines: [atCeiling], taxAmount: maxAmount }] })), 'options.0.lines', /must come to at most/],
    ['POST a payment past the ceiling', () => acme.post('/invoices/inv_1080/payments', { amount: maxAmount + 1, currency: 'USD', method: 'cash' }), 'amount', new RegExp(`^must be at most ${maxAmount} minor units$`)],
    ['POST /api/payments/checkout: a part past the ceiling', () => jordan.post('/api/payments/checkout', { invoiceIds: ['inv_1080'], amount: 1e300 }), 'amount', new RegExp(`^must be at most ${maxAmount} minor units$`)],
  ])('%s → 400 naming the field, nothing written', async (_name, send, field, message) => {
    writes.reset();
    const res = await send();
    expectRefused(res, field, message);
    expect(writes.dataWrites()).toEqual([]);
  });

  test('the ceiling itself is accepted, and its total is exact', async () => {
    const res = await acme.put('/invoices/inv_b_ceiling', invoice({ lines: [line(0.5, maxAmount), line(0.5, maxAmount)] }));
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(maxAmount);
  });
});
