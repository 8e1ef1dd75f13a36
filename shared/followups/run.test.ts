/**
 * Running owed steps, over an in-memory follow-up store (the DynamoDB one is exercised for real by
 * functions/test/follow-ups.integration.test.ts): what a failure records, the backoff, and the
 * bound after which a failing step is logged as needing attention and counted.
 */
import { defineStep, newOwedSteps, owe, type OwedStep, type OwedSteps } from './owed';
import type { FollowUpStore, OwedItem, StepOwner } from './port';
import { attentionAfterAttempts, retryDelayMs, runOwedSteps, type RunDeps } from './run';
import { InjectedCrash, injectCrashes } from './crash';

/** Keeps one owner's steps, as settle() leaves them. */
class MemoryFollowUps implements FollowUpStore {
  owed: OwedSteps = {};
  async listDue(): Promise<OwedItem[]> {
    return [];
  }
  async read(owner: StepOwner): Promise<OwedItem | null> {
    return { owner, owed: this.owed, place: '' };
  }
  async lease(): Promise<boolean> {
    return true;
  }
  async settle(_owner: StepOwner, done: string[], failed: Record<string, OwedStep>): Promise<void> {
    for (const id of done) delete this.owed[id];
    Object.assign(this.owed, failed);
  }
}

const owner: StepOwner = { kind: 'invoice', businessId: 'biz_1', id: 'inv_1' };
let now = new Date('2026-12-06T10:00:00.000Z');
const lines: string[] = [];

function depsWith(store: MemoryFollowUps): RunDeps {
  return { followUps: store, clock: { now: () => now } } as unknown as RunDeps;
}

beforeEach(() => {
  lines.length = 0;
  now = new Date('2026-12-06T10:00:00.000Z');
  for (const method of ['log', 'info', 'warn', 'error'] as const) jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
});
afterEach(() => {
  jest.restoreAllMocks();
  injectCrashes(null);
});

test('steps run in the order their write listed them; done ones are crossed off', async () => {
  const ran: string[] = [];
  const step = defineStep<{ name: string }, RunDeps>('t-record', async ({ name }) => void ran.push(name));
  const store = new MemoryFollowUps();
  store.owed = newOwedSteps([owe(step, 'c', { name: 'c' }), owe(step, 'a', { name: 'a' }), owe(step, 'b', { name: 'b' })], now);
  const outcome = await runOwedSteps(owner, store.owed, [step], depsWith(store));
  expect(ran).toEqual(['c', 'a', 'b']);
  expect(outcome).toEqual({ done: ['t-record:c', 't-record:a', 't-record:b'], failed: [] });
  expect(store.owed).toEqual({});
});

test('a failing step stays owed with its attempts counted and its next try pushed back (1, 2, 4 … minutes, at most 2 hours); the others still run', async () => {
  const ok = defineStep<Record<string, never>, RunDeps>('t-ok', async () => undefined);
  const failing = defineStep<Record<string, never>, RunDeps>('t-fail', async () => {
    throw new Error('provider down');
  });
  const store = new MemoryFollowUps();
  store.owed = newOwedSteps([owe(failing, 'x', {}), owe(ok, 'y', {})], now);
  await runOwedSteps(owner, { ...store.owed }, [ok, failing], depsWith(store));
  expect(Object.keys(store.owed)).toEqual(['t-fail:x']);
  expect(store.owed['t-fail:x']).toMatchObject({ attempts: 1, dueAt: new Date(now.getTime() + 60_000).toISOString(), lastError: 'Error: provider down' });
  expect(lines.filter((l) => l.includes('follow-up step failed; it will be retried'))).toHaveLength(1);
  expect([1, 2, 3, 4, 8, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 2 * 3600_000, 2 * 3600_000]);
});

test(`from its ${attentionAfterAttempts}th failure a step is logged as needing attention and counted, and it is still owed: nothing is dropped`, async () => {
  const failing = defineStep<Record<string, never>, RunDeps>('t-stuck', async () => {
    throw new Error('still down');
  });
  const store = new MemoryFollowUps();
  store.owed = newOwedSteps([owe(failing, 'x', {})], now);
  for (let run = 1; run <= attentionAfterAttempts + 1; run++) {
    await runOwedSteps(owner, { ...store.owed }, [failing], depsWith(store));
    now = new Date(store.owed['t-stuck:x']!.dueAt);
  }
  expect(store.owed['t-stuck:x']!.attempts).toBe(attentionAfterAttempts + 1);
  const attention = lines.filter((l) => l.includes('follow-up step needs attention'));
  expect(attention).toHaveLength(2);
  const metrics = lines.filter((l) => l.includes('"FollowUpStepNeedsAttention"')).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(metrics).toHaveLength(2);
  expect(metrics[0]).toMatchObject({ FollowUpStepNeedsAttention: 1, stepKind: 't-stuck', _aws: { CloudWatchMetrics: [{ Namespace: 'Portal', Metrics: [{ Name: 'FollowUpStepNeedsAttention', Unit: 'Count' }] }] } });
});

test('an injected crash is never caught: the run ends there and nothing is crossed off', async () => {
  const step = defineStep<Record<string, never>, RunDeps>('t-crash', async () => undefined);
  const store = new MemoryFollowUps();
  store.owed = newOwedSteps([owe(step, 'x', {})], now);
  injectCrashes((point) => point === 'invoice:t-crash');
  await expect(runOwedSteps(owner, { ...store.owed }, [step], depsWith(store))).rejects.toThrow(InjectedCrash);
  expect(Object.keys(store.owed)).toEqual(['t-crash:x']);
});
