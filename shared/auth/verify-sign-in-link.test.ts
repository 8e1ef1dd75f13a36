import { Unauthenticated } from '../kernel/errors';
import { CountingRandom, FakeClock, MemoryAuthStore, MemoryDirectory, testBusiness, testCustomer } from '../testing/fakes';
import { signInPolicy } from './policy';
import { newSecret, sha256 } from '../kernel/secrets';
import { unusableLinkDetail, verifySignInLink } from './verify-sign-in-link';

function setup() {
  const directory = new MemoryDirectory().add(testBusiness, testCustomer);
  const store = new MemoryAuthStore(directory);
  const clock = new FakeClock();
  const random = new CountingRandom();
  const token = 'T'.repeat(43);
  store.links.set(sha256(token), {
    tokenHash: sha256(token),
    businessId: testBusiness.id,
    customerId: testCustomer.id,
    issuedAt: clock.now().toISOString(),
    expiresAt: new Date(clock.now().getTime() + signInPolicy.linkLifetimeMs).toISOString(),
  });
  const verify = (previousSessionId: string | null = null) =>
    verifySignInLink({ token, previousSessionId }, { links: store, sessions: store, directory, clock, random });
  return { store, clock, verify, random };
}

test('starts a session whose id is stored only as a hash', async () => {
  const { store, verify } = setup();
  const result = await verify();
  expect(result.customer).toEqual(testCustomer);
  expect(result.business.slug).toBe('acme');
  expect(result.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect([...store.sessions.keys()]).toEqual([sha256(result.sessionId)]);
});

test('a link works once', async () => {
  const { verify } = setup();
  await verify();
  await expect(verify()).rejects.toEqual(new Unauthenticated(unusableLinkDetail));
});

test('expiry is checked in code, to the millisecond', async () => {
  const expiredAt = setup();
  expiredAt.clock.advance(signInPolicy.linkLifetimeMs);
  await expect(expiredAt.verify()).rejects.toBeInstanceOf(Unauthenticated);
  const justInTime = setup();
  justInTime.clock.advance(signInPolicy.linkLifetimeMs - 1);
  await expect(justInTime.verify()).resolves.toHaveProperty('sessionId');
});

test('signing in revokes the session the browser had before (fixation)', async () => {
  const { store, verify, random } = setup();
  const planted = newSecret(random);
  store.sessions.set(sha256(planted), { idHash: sha256(planted), businessId: 'acme', customerId: 'cus_1', createdAt: '', lastSeenAt: '', absoluteExpiresAt: '' });
  const result = await verify(planted);
  expect(store.sessions.has(sha256(planted))).toBe(false);
  expect(result.sessionId).not.toBe(planted);
});
