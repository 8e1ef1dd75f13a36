/**
 * The test stack's clock, which the integration tests move and hold to keep time windows out of
 * their results: what each move promises, read through the clock the handlers use.
 */
import { startTestStack, type TestStack } from './test-support';

let stack: TestStack;
const now = () => stack.source.clock.now().getTime();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

test('runs with real time, and advanceClock moves it on', async () => {
  const before = now();
  await sleep(50);
  expect(now() - before).toBeGreaterThanOrEqual(45);
  const at = now();
  stack.advanceClock(3_600_000);
  expect(now() - at).toBeGreaterThanOrEqual(3_600_000);
  expect(now() - at).toBeLessThan(3_600_000 + 1_000);
});

test('held, it stands still while real time passes, moves only by advanceClock, and runs on from there when resumed (no jump)', async () => {
  let stoodAt = 0;
  stack.holdClock();
  try {
    const held = now();
    await sleep(120);
    expect(now()).toBe(held);
    stack.holdClock(); // holding twice keeps the first hold
    stack.advanceClock(2_001);
    expect(now()).toBe(held + 2_001);
    stoodAt = now();
    await sleep(120);
  } finally {
    stack.resumeClock();
  }
  const resumed = now();
  expect(resumed - stoodAt).toBeGreaterThanOrEqual(0);
  expect(resumed - stoodAt).toBeLessThan(100);
  await sleep(50);
  expect(now() - resumed).toBeGreaterThanOrEqual(45);
  expect(now() - resumed).toBeLessThan(1_000);
});

test('nextRateWindow puts the clock a second past the start of the next window', () => {
  for (const windowSeconds of [60, 900]) {
    const before = now();
    stack.nextRateWindow(windowSeconds);
    const at = now();
    expect(at % (windowSeconds * 1000)).toBeGreaterThanOrEqual(1_000);
    expect(at % (windowSeconds * 1000)).toBeLessThan(1_500);
    expect(at).toBeGreaterThan(before);
    expect(at - before).toBeLessThanOrEqual(windowSeconds * 1000 + 1_500);
  }
});
