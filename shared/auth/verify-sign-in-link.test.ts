import { Unauthenticated } from '../kernel/errors';
import { CountingRandom, FakeClock, testBusiness, testCustomer } from '../testing/fakes';
import { putDirectory, storesForTests } from '../../infra/local/testing/stores';
import { signInPolicy } from './policy';
import { newSecret, sha256 } from '../kernel/secrets';
import { unusableLinkDetail, verifySignInLink } from './verify-sign-in-link';

const tables = storesForTests();

async function setup() {
  const table = await tables.freshTable();
  const { directory, auth: store } = table.stores;
  await putDirectory(table.stores, testBusiness, testCustomer);
  const clock = new FakeClock();
  const random = new CountingRandom();
  const token = 'T'.repeat(43);
  await store.putLink({
    tokenHash: sha256(token),
    businessId: testBusiness.id,
    customerId: testCustomer.id,
    issuedAt: clock.now().toISOString(),
    expiresAt: new Date(clock.now().getTime() + signInPolicy.linkLifetimeMs).toISOString(),
    returnPage: null,
    sentTo: null,
  });
  const verify = (previousSessionId: string | null = null) =>
    verifySignInLink({ token, previousSessionId, userAgent: null }, { links: store, sessions: store, directory, clock, random });
  return { table, store, clock, verify, random };
}

test('starts a session whose id is stored only as a hash', async () => {
  const { table, verify } = await setup();
  const result = await verify();
  expect(result.customer).toEqual(testCustomer);
  expect(result.business.slug).toBe('acme');
  expect(result.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect((await table.itemsOfType('session')).map((s) => s.idHash)).toEqual([sha256(result.sessionId)]);
});

test('a link works once', async () => {
  const { verify } = await setup();
  await verify();
  await expect(verify()).rejects.toEqual(new Unauthenticated(unusableLinkDetail));
});

test('expiry is checked in code, to the millisecond', async () => {
  const expiredAt = await setup();
  expiredAt.clock.advance(signInPolicy.linkLifetimeMs);
  await expect(expiredAt.verify()).rejects.toBeInstanceOf(Unauthenticated);
  const justInTime = await setup();
  justInTime.clock.advance(signInPolicy.linkLifetimeMs - 1);
  await expect(justInTime.verify()).resolves.toHaveProperty('sessionId');
});

test('signing in revokes the session the browser had before (fixation)', async () => {
  const { store, clock, verify, random } = await setup();
  const planted = newSecret(random);
  const at = clock.now().toISOString();
  await store.putSession({ idHash: sha256(planted), businessId: testBusiness.id, customerId: testCustomer.id, createdAt: at, lastSeenAt: at, absoluteExpiresAt: at, userAgent: null, signedInWith: 'link' });
  const result = await verify(planted);
  expect(await store.getSession(sha256(planted))).toBeNull();
  expect(result.sessionId).not.toBe(planted);
});
