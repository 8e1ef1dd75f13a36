/**
 * The business API's rate limits (docs/business-api.md "Limits", security.md rule 29), end to end
 * through the local gateway: two budgets per business (`positions`: the tracking position
 * reports; `requests`: every other call), shared by all its keys, counted per minute; the
 * operator's limits set with `npm run admin -- set-limits`; the 429 naming the budget; only calls
 * whose key checks out count; concurrent calls never pass the limit.
 */
import { runAdmin, type AdminTarget } from '../../infra/admin/admin';
import { demo } from '../../infra/local/seed';
import { BusinessClient, startTestStack, type ApiResponse, type TestStack } from '../../infra/local/test-support';
import { extraKey, jobBody } from '../../infra/local/testing/business-api';
import { apiLimitCeiling, apiLimitWindowSeconds } from '../../shared/business-api/limits';
import { base62, crc32 } from '../../shared/kernel/ids';
import { sha256 } from '../../shared/kernel/secrets';
import { fixedWindow } from '../../shared/kernel/rate-window';

let stack: TestStack;
let target: AdminTarget;
const windowMs = apiLimitWindowSeconds * 1000;
const now = () => stack.source.clock.now();

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  target = { stores: stack.stores, description: 'the test table', defaultMode: 'test', close: async () => undefined };
  // A visit under way on a job of Jordan's, so position reports are answered 200.
  const acme = stack.business('acme');
  expect((await acme.put('/jobs/job_limits', jobBody(stack, demo.jordan.id, 5 * 3600_000, { location: { lat: 39.78, lng: -89.65 } }))).status).toBe(201);
  expect((await acme.post('/jobs/job_limits/tracking', { technician: { name: 'Dev Okafor' }, channel: 'sms' })).status).toBe(201);
});
afterAll(() => stack.stop());

const admin = async (...argv: string[]) => {
  const lines: string[] = [];
  await runAdmin(argv, (line) => lines.push(line), target);
  return lines;
};

/** One second into a window of its own: no window rolls over during a test. */
function freshWindow(): Date {
  stack.nextRateWindow(apiLimitWindowSeconds);
  return fixedWindow(now(), apiLimitWindowSeconds).windowStart;
}

/**
 * The seconds a window has left, as the API says them, somewhere between `before` (just before
 * asking) and `after` (just after the answer): the API reads its clock in between, and a busy
 * machine can carry that past a second's boundary.
 */
function expectSecondsLeft(said: number, windowStart: Date, before: Date, after: Date) {
  const left = (at: Date) => Math.ceil((windowStart.getTime() + windowMs - at.getTime()) / 1000);
  expect(said).toBeGreaterThanOrEqual(left(after));
  expect(said).toBeLessThanOrEqual(left(before));
}

/** An answer, with the clock read just before asking and just after it came. */
async function timed(call: () => Promise<ApiResponse>): Promise<{ res: ApiResponse; before: Date; after: Date }> {
  const before = now();
  const res = await call();
  return { res, before, after: now() };
}

const position = (client: BusinessClient) => client.put('/jobs/job_limits/tracking/position', { lat: 39.77, lng: -89.66, accuracy: 8, at: new Date(now().getTime() - 1000).toISOString() });
const statuses = (answers: ApiResponse[]) => answers.map((a) => a.status);
const count = (answers: ApiResponse[], status: number) => answers.filter((a) => a.status === status).length;

function expectLimited(res: ApiResponse, budget: 'requests' | 'positions', quota: number) {
  expect({ status: res.status, contentType: res.headers.get('content-type') }).toEqual({ status: 429, contentType: 'application/problem+json' });
  expect(res.body).toEqual({ type: 'urn:field-service-portal:problem:rate-limited', title: 'Too many requests', status: 429, detail: expect.stringContaining(`"${budget}" budget`) });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= apiLimitWindowSeconds).toBe(true);
  expect(res.headers.get('ratelimit-policy')).toBe(`"${budget}";q=${quota};w=${apiLimitWindowSeconds}`);
  expect(res.headers.get('ratelimit')).toBe(`"${budget}";r=0;t=${retryAfter}`);
  return retryAfter;
}

describe('defaults', () => {
  test('GET settings shows the limits that apply: 600 requests and 2000 positions a minute until the operator sets others', async () => {
    const res = await stack.business('brightclean').get('/settings');
    expect(res.body.apiLimits).toEqual({ requestsPerMinute: 600, positionsPerMinute: 2000, windowSeconds: 60 });
    expect(await admin('show-limits', '--business', 'brightclean')).toEqual([
      expect.stringMatching(/^API limits of brightclean \(biz_\w+\)/),
      '  requests    600  (the default; default 600, ceiling 6000)',
      '  positions  2000  (the default; default 2000, ceiling 6000)',
    ]);
  });

  test('the default requests budget: the 600th call of a minute passes, the 601st is 429 naming "requests"', async () => {
    const windowStart = freshWindow();
    const bright = stack.business('brightclean');
    expect((await bright.get('/settings')).status).toBe(200); // the instance learns the key's business
    // The counter the API counts with, filled to one below the limit in concurrent bursts.
    const businessId = stack.demo.brightclean.business.id;
    const use = { windowStart: windowStart.toISOString(), defaultLimit: 600, ceiling: apiLimitCeiling.requests };
    for (let i = 1; i < 599; i += 50) {
      const burst = await Promise.all(Array.from({ length: Math.min(50, 599 - i) }, () => stack.stores.apiBudgets.countCall(businessId, 'requests', use)));
      expect(burst.every((u) => u.counted)).toBe(true);
    }
    expect((await bright.get('/customers')).status).toBe(200);
    const refused = await timed(() => bright.get('/settings'));
    // The seconds left in the window when the API answered.
    expectSecondsLeft(expectLimited(refused.res, 'requests', 600), windowStart, refused.before, refused.after);
    // Writes are limited too, and wrote nothing.
    expectLimited(await bright.put('/customers/cus_limited', { name: 'Nope' }), 'requests', 600);
    // Positions and the other businesses are not.
    expect((await stack.business('acme').get('/settings')).status).toBe(200);
    // The next window starts afresh.
    stack.advanceClock(windowMs);
    expect((await bright.get('/customers/cus_limited')).status).toBe(404);
  });
});

describe("a business's own limits, set by the operator", () => {
  test('set-limits applies at once, GET settings shows it, "default" goes back; out of bounds is refused; PATCH settings cannot change it', async () => {
    expect(await admin('set-limits', '--business', 'acme', '--requests', '5', '--positions', '8')).toEqual([
      expect.stringMatching(/^API limits of acme /),
      '  requests      5  (set by an operator; default 600, ceiling 6000)',
      '  positions     8  (set by an operator; default 2000, ceiling 6000)',
    ]);
    const acme = stack.business('acme');
    freshWindow();
    expect((await acme.get('/settings')).body.apiLimits).toEqual({ requestsPerMinute: 5, positionsPerMinute: 8, windowSeconds: 60 });
    await expect(admin('set-limits', '--business', 'acme', '--requests', String(apiLimitCeiling.requests + 1))).rejects.toThrow(/--requests must be a whole number from 1 to 6000/);
    await expect(admin('set-limits', '--business', 'acme', '--positions', '0')).rejects.toThrow(/--positions must be a whole number from 1 to 6000/);
    await expect(admin('set-limits', '--business', 'acme', '--positions', 'lots')).rejects.toThrow(/--positions is a whole number/);
    await expect(admin('set-limits', '--business', 'acme')).rejects.toThrow(/Give --requests and\/or --positions/);
    const patch = await acme.patch('/settings', { apiLimits: { requestsPerMinute: 100000 } });
    expect(patch.status).toBe(400);
    expect(patch.body.errors).toEqual([{ field: 'apiLimits', message: expect.stringMatching(/not a known field/) }]);
    expect((await admin('set-limits', '--business', 'brightclean', '--requests', '900'))[1]).toBe('  requests    900  (set by an operator; default 600, ceiling 6000)');
    expect((await admin('set-limits', '--business', 'brightclean', '--requests', 'default'))[1]).toBe('  requests    600  (the default; default 600, ceiling 6000)');
  });

  test('positions do not consume the requests budget, nor requests the positions budget; the 429 names the budget that ran out', async () => {
    await admin('set-limits', '--business', 'acme', '--requests', '5', '--positions', '8');
    const acme = stack.business('acme');
    freshWindow();
    // Positions first: all 8 pass, the 9th is refused naming positions...
    expect(statuses(await sequentially(8, () => position(acme)))).toEqual(Array(8).fill(200));
    expectLimited(await position(acme), 'positions', 8);
    // ...and the requests budget is whole: 5 pass, the 6th is refused naming requests.
    expect(statuses(await sequentially(5, () => acme.get('/settings')))).toEqual(Array(5).fill(200));
    expectLimited(await acme.get('/customers'), 'requests', 5);

    // The other way round, in the next minute: requests spent first, positions still all there.
    freshWindow();
    expect(statuses(await sequentially(5, () => acme.get('/customers')))).toEqual(Array(5).fill(200));
    expectLimited(await acme.put('/customers/cus_over', { name: 'Over' }), 'requests', 5);
    expect(statuses(await sequentially(8, () => position(acme)))).toEqual(Array(8).fill(200));
    expectLimited(await position(acme), 'positions', 8);
    // Another business is untouched by acme's budgets.
    expect((await stack.business('brightclean').get('/settings')).status).toBe(200);
  });

  test('every answer to a counted call says what is left of its budget and for how long, a problem answer too; a refused key is told nothing', async () => {
    await admin('set-limits', '--business', 'acme', '--requests', '4', '--positions', '3');
    const acme = stack.business('acme');
    const windowStart = freshWindow();
    const tellsLeft = ({ res, before, after }: Awaited<ReturnType<typeof timed>>, budget: string, quota: number, remaining: number) => {
      expect(res.headers.get('ratelimit-policy')).toBe(`"${budget}";q=${quota};w=${apiLimitWindowSeconds}`);
      const [, name, left, seconds] = /^"(\w+)";r=(\d+);t=(\d+)$/.exec(res.headers.get('ratelimit') ?? '') ?? [];
      expect([name, Number(left)]).toEqual([budget, remaining]);
      // The window started about a second ago: about 59 seconds until the quota is whole again.
      expectSecondsLeft(Number(seconds), windowStart, before, after);
      return Number(seconds);
    };
    const answers = [await timed(() => acme.get('/settings')), await timed(() => acme.get('/customers/cus_nobody_here')), await timed(() => acme.put('/customers/cus_told', { name: 'Told' }))];
    expect(statuses(answers.map((a) => a.res))).toEqual([200, 404, 201]);
    answers.forEach((answer, i) => tellsLeft(answer, 'requests', 4, 3 - i));
    expect(answers[1]!.res.headers.get('content-type')).toBe('application/problem+json');
    // Positions count in their own budget, and say so.
    tellsLeft(await timed(() => position(acme)), 'positions', 3, 2);
    // Later in the window, less time is left.
    stack.advanceClock(20_000);
    expect(tellsLeft(await timed(() => acme.get('/settings')), 'requests', 4, 0)).toBeLessThanOrEqual(40);
    expectLimited(await acme.get('/settings'), 'requests', 4);
    // A key that does not check out counted nothing, and is told nothing of the business's budget.
    const wrong = new BusinessClient(stack.url, `fsp_test_${'x'.repeat(40)}`);
    const refused = await wrong.get('/settings');
    expect(refused.status).toBe(401);
    expect([refused.headers.get('ratelimit'), refused.headers.get('ratelimit-policy')]).toEqual([null, null]);
  });

  test("two keys of one business share its budget; another business's keys do not", async () => {
    await admin('set-limits', '--business', 'acme', '--requests', '5');
    const first = await extraKey(stack, 'acme');
    const second = await extraKey(stack, 'acme');
    freshWindow();
    expect(statuses([await first.client.get('/settings'), await second.client.get('/settings'), await first.client.get('/customers'), await second.client.get('/customers'), await first.client.get('/settings')])).toEqual(Array(5).fill(200));
    expectLimited(await second.client.get('/settings'), 'requests', 5);
    expectLimited(await first.client.get('/settings'), 'requests', 5);
    expectLimited(await stack.business('acme').get('/settings'), 'requests', 5);
    const brightKey = await extraKey(stack, 'brightclean');
    expect((await brightKey.client.get('/settings')).status).toBe(200);
  });
});

describe('counting', () => {
  test('N + 5 concurrent calls over two keys: exactly N pass, at a window\'s first call (keys new to the function) and once the keys are known', async () => {
    const limit = 20;
    await admin('set-limits', '--business', 'acme', '--requests', String(limit), '--positions', String(limit));
    const a = await extraKey(stack, 'acme');
    const b = await extraKey(stack, 'acme');
    freshWindow();
    // New keys: each call checks its key, then counts; all race to start the window.
    const cold = await Promise.all(Array.from({ length: limit + 5 }, (_, i) => (i % 2 ? a : b).client.get('/settings')));
    expect({ passed: count(cold, 200), refused: count(cold, 429) }).toEqual({ passed: limit, refused: 5 });
    // Known keys: the key's check and the count go side by side.
    freshWindow();
    const warm = await Promise.all(Array.from({ length: limit + 5 }, (_, i) => position(i % 2 ? a.client : b.client)));
    expect({ passed: count(warm, 200), refused: count(warm, 429) }).toEqual({ passed: limit, refused: 5 });
  });

  test('a call whose key is refused (wrong secret, revoked, expired, missing scope) does not use up its business\'s budget', async () => {
    const limit = 5;
    await admin('set-limits', '--business', 'acme', '--requests', String(limit));
    const good = await extraKey(stack, 'acme');
    const revoked = await extraKey(stack, 'acme');
    const readOnly = await extraKey(stack, 'acme', { scopes: ['read'] });
    const expiring = await extraKey(stack, 'acme', { expiresAt: new Date(now().getTime() + 5 * windowMs).toISOString() });
    freshWindow();
    // Each key once, so the function knows their business and counts beside the key's check from now on.
    for (const k of [good, revoked, readOnly, expiring]) expect((await k.client.get('/settings')).status).toBe(200);
    freshWindow();
    expect(await stack.stores.apiKeys.revokeKey(revoked.id, stack.demo.acme.business.id, now().toISOString())).toBe(true);
    const body = `fsp_test_${good.id}_${'x'.repeat(32)}`;
    const wrongSecret = new BusinessClient(stack.url, `${body}${base62(crc32(Buffer.from(body, 'utf8')), 6)}`);
    const refused = await Promise.all([
      ...Array.from({ length: 10 }, () => wrongSecret.get('/settings')),
      ...Array.from({ length: 5 }, () => revoked.client.get('/settings')),
      ...Array.from({ length: 5 }, () => readOnly.client.put('/customers/cus_ro', { name: 'Read only' })),
    ]);
    expect(statuses(refused)).toEqual([...Array(15).fill(401), ...Array(5).fill(403)]);
    // The whole budget is left for the good key.
    expect(statuses(await sequentially(limit, () => good.client.get('/customers')))).toEqual(Array(limit).fill(200));
    expectLimited(await good.client.get('/customers'), 'requests', limit);
    // An expired key's calls do not count either.
    stack.advanceClock(5 * windowMs);
    freshWindow();
    expect(statuses(await Promise.all(Array.from({ length: 5 }, () => expiring.client.get('/settings'))))).toEqual(Array(5).fill(401));
    expect(statuses(await sequentially(limit, () => good.client.get('/settings')))).toEqual(Array(limit).fill(200));
    // And a wrong secret still writes nothing on the key.
    expect((await stack.stores.apiKeys.getKey(good.id))!.secretHash).toBe(sha256(good.key));
  });
});

async function sequentially(n: number, call: () => Promise<ApiResponse>): Promise<ApiResponse[]> {
  const answers: ApiResponse[] = [];
  for (let i = 0; i < n; i++) answers.push(await call());
  return answers;
}
