import { RateLimited } from '../kernel/errors';
import { CountingRandom, FakeClock, RecordingQueue } from '../testing/fakes';
import { storesForTests } from '../../infra/local/testing/stores';
import { signInPolicy } from './policy';
import { requestSignInLink } from './request-sign-in-link';
import type { NotificationJob } from '../notifications/port';

const tables = storesForTests();

async function setup() {
  const table = await tables.freshTable();
  const rateLimits = table.stores.auth;
  const queue = new RecordingQueue<Extract<NotificationJob, { kind: 'sign-in-link' }>>();
  const clock = new FakeClock(new Date('2026-11-21T15:05:00.000Z'));
  const deps = { rateLimits, queue, clock, random: new CountingRandom() };
  const ask = (address = 'jordan@example.com', clientIp: string | null = '192.0.2.1') =>
    requestSignInLink({ slug: 'acme', contact: { channel: 'email', address }, returnPage: null, clientSubject: clientIp }, deps);
  return { table, queue, clock, ask };
}

test('queues the request with a unique id; the lookup is left to the consumer', async () => {
  const { queue, ask } = await setup();
  await ask();
  await ask();
  expect(queue.sent).toHaveLength(2);
  expect(queue.sent[0]).toMatchObject({ kind: 'sign-in-link', slug: 'acme', contact: { channel: 'email', address: 'jordan@example.com' } });
  expect(queue.sent[0]!.requestId).not.toBe(queue.sent[1]!.requestId);
});

test('per-contact limit: the next request in the window is refused with the time to wait; nothing queued', async () => {
  const { queue, ask } = await setup();
  for (let i = 0; i < signInPolicy.maxLinksPerContact; i++) await ask('jordan@example.com', `192.0.2.${i}`);
  const error = await ask('jordan@example.com', '192.0.2.99').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimited);
  // The window is 15 minutes on the clock: at 15:05 it has 10 minutes left.
  expect((error as RateLimited).retryAfterSeconds).toBe(600);
  expect((error as RateLimited).message).toMatch(/10 minutes/);
  expect(queue.sent).toHaveLength(signInPolicy.maxLinksPerContact);
});

test('a new window allows requests again', async () => {
  const { clock, ask } = await setup();
  for (let i = 0; i < signInPolicy.maxLinksPerContact; i++) await ask();
  await expect(ask()).rejects.toBeInstanceOf(RateLimited);
  clock.advance(signInPolicy.rateWindowSeconds * 1000);
  await expect(ask()).resolves.toBeUndefined();
});

test('per-IP limit across many addresses', async () => {
  const { ask } = await setup();
  for (let i = 0; i < signInPolicy.maxLinksPerIp; i++) await ask(`person${i}@example.com`);
  await expect(ask('one-more@example.com')).rejects.toBeInstanceOf(RateLimited);
});

test('rate-limit counters hold no address or IP in the clear', async () => {
  const { table, ask } = await setup();
  await ask('jordan@example.com', '192.0.2.1');
  const counters = await table.itemsOfType('rateLimit');
  expect(counters.length).toBeGreaterThan(0);
  const names = JSON.stringify(counters);
  expect(names).not.toContain('jordan');
  expect(names).not.toContain('192.0.2.1');
});
