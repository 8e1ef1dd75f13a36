import type { Contact } from '../directory/model';
import { CountingRandom, FakeClock, RecordingNotifier, testBusiness, testCustomer } from '../testing/fakes';
import { putDirectory, storesForTests } from '../../infra/local/testing/stores';
import { signInLinkEntity } from './entity';
import { inviteCustomer, issueSignInLink, linkUrl } from './issue-sign-in-link';
import { signInPolicy } from './policy';
import { sha256 } from '../kernel/secrets';

const tables = storesForTests();

async function setup() {
  const table = await tables.freshTable();
  const { directory, auth: links } = table.stores;
  await putDirectory(table.stores, testBusiness, testCustomer);
  const notifier = new RecordingNotifier();
  const clock = new FakeClock();
  const deps = { directory, links, notifier, optOuts: table.stores.optOuts, clock, random: new CountingRandom(), portalOrigin: 'https://portal.example.com' };
  const request = (requestId = 'r1', contact: Contact = { channel: 'email', address: testCustomer.email! }, slug = 'acme') =>
    issueSignInLink({ requestId, slug, contact }, deps);
  const tokenOf = (i: number) => notifier.sent[i]!.text.match(/#token=([A-Za-z0-9_-]+)/)![1]!;
  const pending = async () => (await directory.getCustomer(testCustomer.businessId, testCustomer.id))!.pendingLink;
  /** The sign-in links stored, as items. */
  const storedLinks = () => table.itemsOfType(signInLinkEntity.type);
  return { directory, links, notifier, clock, deps, request, tokenOf, pending, storedLinks };
}

test('emails a link to the configured portal origin and slug, token in the fragment; stores only its hash', async () => {
  const { notifier, request, tokenOf, storedLinks } = await setup();
  expect(await request()).toBe('sent');
  expect(notifier.sent).toHaveLength(1);
  expect(notifier.sent[0]).toMatchObject({ channel: 'email', to: 'jordan@example.com', subject: 'Your sign-in link for Acme Plumbing & Heating' });
  const token = tokenOf(0);
  expect(notifier.sent[0]!.text).toContain(`https://portal.example.com/acme/link#token=${token}`);
  const stored = await storedLinks();
  expect(stored.map((link) => link.tokenHash)).toEqual([sha256(token)]);
  expect(JSON.stringify(stored)).not.toContain(token);
  expect(stored[0]).toMatchObject({ businessId: 'biz_test', customerId: 'cus_1' });
});

test('the link expires 15 minutes after it is issued', async () => {
  const { clock, request, storedLinks } = await setup();
  await request();
  const [link] = await storedLinks();
  expect(Date.parse(link!.expiresAt as string) - clock.now().getTime()).toBe(signInPolicy.linkLifetimeMs);
});

test('texts go to the phone number, short enough for one or two SMS segments', async () => {
  const { notifier, request } = await setup();
  await request('r1', { channel: 'sms', address: testCustomer.phone! });
  expect(notifier.sent[0]).toMatchObject({ channel: 'sms', to: '+15555550123' });
  expect(notifier.sent[0]!.text.length).toBeLessThanOrEqual(306);
});

test('unknown contact or portal: nothing stored, nothing sent', async () => {
  const { notifier, request, storedLinks } = await setup();
  expect(await request('x', { channel: 'email', address: 'who@example.com' })).toBe('unknown-contact');
  expect(await request('y', { channel: 'email', address: testCustomer.email! }, 'nope')).toBe('unknown-portal');
  expect(await storedLinks()).toHaveLength(0);
  expect(notifier.sent).toHaveLength(0);
});

test('a slug the business moved away from (its lookup left behind) is an unknown portal', async () => {
  const { directory, notifier, request } = await setup();
  await directory.claimSlug('old-acme', testBusiness.id, testBusiness.createdAt);
  expect(await request('r1', { channel: 'email', address: testCustomer.email! }, 'old-acme')).toBe('unknown-portal');
  expect(notifier.sent).toHaveLength(0);
});

test('an address the customer no longer has gets nothing, even while its lookup survives', async () => {
  const { directory, notifier, request } = await setup();
  // The lookup still points at the customer (a crash before it was released), but the profile moved on.
  expect(await directory.putCustomerProfile({ ...testCustomer, email: 'new@example.com', version: testCustomer.version + 1 }, testCustomer.version)).toBe(true);
  expect(await request('r1', { channel: 'email', address: 'jordan@example.com' })).toBe('unknown-contact');
  expect(notifier.sent).toHaveLength(0);
});

test('a new link retires the previous unused one', async () => {
  const { request, tokenOf, storedLinks } = await setup();
  await request('r1');
  await request('r2');
  expect((await storedLinks()).map((link) => link.tokenHash)).toEqual([sha256(tokenOf(1))]);
});

test('a redelivered queue message (same request id, already sent) sends nothing twice', async () => {
  const { notifier, request, storedLinks } = await setup();
  expect(await request('r1')).toBe('sent');
  expect(await request('r1')).toBe('already-sent');
  expect(notifier.sent).toHaveLength(1);
  expect(await storedLinks()).toHaveLength(1);
});

test('a redelivery after the send failed does send: the failed attempt left nothing marked sent', async () => {
  const { notifier, request, pending } = await setup();
  notifier.failNext = true;
  await expect(request('r1')).rejects.toThrow('provider down');
  expect((await pending())?.sentAt).toBeNull();
  expect(await request('r1')).toBe('sent');
  expect(notifier.sent).toHaveLength(1);
});

test('losing the pointer swap to a concurrent request: own link deleted, retried on the new pointer', async () => {
  const { links, clock, notifier, request, pending, storedLinks } = await setup();
  const swap = links.swapPendingLink.bind(links);
  let raced = false;
  jest.spyOn(links, 'swapPendingLink').mockImplementation(async (...args) => {
    if (!raced) {
      raced = true;
      // A concurrent request swapped in its own link just before us.
      const at = clock.now().toISOString();
      await links.putLink({ tokenHash: 'other', businessId: 'biz_test', customerId: 'cus_1', issuedAt: at, expiresAt: at, returnPage: null, sentTo: null });
      expect(await swap('biz_test', 'cus_1', null, { tokenHash: 'other', requestId: 'other', sentAt: null })).toBe(true);
    }
    return swap(...args);
  });
  expect(await request()).toBe('sent');
  // The race happened: the swap went through the spy.
  expect(raced).toBe(true);
  expect(notifier.sent).toHaveLength(1);
  // Only the link that was finally sent survives: the racer's and our first attempt are gone.
  const stored = await storedLinks();
  expect(stored).toHaveLength(1);
  expect((await pending())!.tokenHash).toBe(stored[0]!.tokenHash);
});

test('an invitation goes to the customer current address on the asked channel', async () => {
  const { deps, notifier } = await setup();
  expect(await inviteCustomer({ requestId: 'inv1', businessId: 'biz_test', customerId: 'cus_1', channel: 'sms' }, deps)).toBe('sent');
  expect(notifier.sent[0]).toMatchObject({ channel: 'sms', to: '+15555550123' });
  expect(await inviteCustomer({ requestId: 'inv2', businessId: 'biz_test', customerId: 'nobody', channel: 'sms' }, deps)).toBe('unknown-contact');
});

test('linkUrl never doubles slashes', () => {
  expect(linkUrl('https://p.example/', 'acme', 't')).toBe('https://p.example/acme/link#token=t');
});
