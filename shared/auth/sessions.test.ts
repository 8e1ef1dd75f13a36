import { Unauthenticated } from '../kernel/errors';
import { CountingRandom, FakeClock } from '../testing/fakes';
import { storesForTests } from '../../infra/local/testing/stores';
import { signInPolicy } from './policy';
import { authenticate, endSession, startSession } from './sessions';

const tables = storesForTests();

async function setup() {
  const store = (await tables.freshTable()).stores.auth;
  const clock = new FakeClock();
  const deps = { sessions: store, clock, random: new CountingRandom() };
  const { sessionId } = await startSession('acme', 'cus_1', { userAgent: null, signedInWith: 'link' }, deps);
  return { store, clock, sessionId, auth: () => authenticate(sessionId, deps) };
}

test('a fresh session authenticates to its business and customer', async () => {
  const { auth } = await setup();
  await expect(auth()).resolves.toMatchObject({ businessId: 'acme', customerId: 'cus_1' });
});

test('idle timeout: ends after 30 quiet minutes, renewed by use', async () => {
  const { clock, auth } = await setup();
  clock.advance(signInPolicy.sessionIdleMs - 1);
  await auth();
  clock.advance(signInPolicy.sessionIdleMs - 1);
  await auth();
  clock.advance(signInPolicy.sessionIdleMs);
  await expect(auth()).rejects.toBeInstanceOf(Unauthenticated);
});

test('absolute timeout: ends after 12 hours however busy', async () => {
  const { clock, auth } = await setup();
  for (let t = 0; t + signInPolicy.sessionIdleMs / 2 < signInPolicy.sessionAbsoluteMs; t += signInPolicy.sessionIdleMs / 2) {
    clock.advance(signInPolicy.sessionIdleMs / 2);
    await auth();
  }
  clock.advance(signInPolicy.sessionIdleMs / 2);
  await expect(auth()).rejects.toBeInstanceOf(Unauthenticated);
});

test('the idle timer is written at most once a minute', async () => {
  const { store, clock, auth } = await setup();
  const touch = jest.spyOn(store, 'touchSession');
  await auth();
  clock.advance(30_000);
  await auth();
  expect(touch).not.toHaveBeenCalled();
  clock.advance(signInPolicy.sessionTouchEveryMs);
  await auth();
  expect(touch).toHaveBeenCalledTimes(1);
});

test('missing, malformed or revoked ids are refused without touching the store for malformed ones', async () => {
  const { store, clock, sessionId } = await setup();
  const get = jest.spyOn(store, 'getSession');
  const deps = { sessions: store, clock };
  await expect(authenticate(null, deps)).rejects.toBeInstanceOf(Unauthenticated);
  await expect(authenticate('x'.repeat(200), deps)).rejects.toBeInstanceOf(Unauthenticated);
  expect(get).not.toHaveBeenCalled();
  const session = await authenticate(sessionId, deps);
  await endSession(session, deps);
  await expect(authenticate(sessionId, deps)).rejects.toBeInstanceOf(Unauthenticated);
});
