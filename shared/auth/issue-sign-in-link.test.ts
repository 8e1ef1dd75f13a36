import type { Contact } from '../domain/model';
import { CountingRandom, FakeClock, MemoryAuthStore, MemoryDirectory, RecordingNotifier, testBusiness, testCustomer } from '../testing/fakes';
import { issueSignInLink, linkUrl } from './issue-sign-in-link';
import { signInPolicy } from './policy';
import { sha256 } from './secrets';

function setup() {
  const directory = new MemoryDirectory().add(testBusiness, testCustomer);
  const links = new MemoryAuthStore(directory);
  const notifier = new RecordingNotifier();
  const clock = new FakeClock();
  const deps = { directory, links, notifier, clock, random: new CountingRandom(), portalOrigin: 'https://portal.example.com' };
  const request = (requestId = 'r1', contact: Contact = { channel: 'email', address: testCustomer.email! }) =>
    issueSignInLink({ requestId, businessId: 'acme', contact }, deps);
  const tokenOf = (i: number) => notifier.sent[i]!.text.match(/#token=([A-Za-z0-9_-]+)/)![1]!;
  return { directory, links, notifier, clock, request, tokenOf };
}

test('emails a link to the configured portal origin with the token in the fragment; stores only its hash', async () => {
  const { links, notifier, request, tokenOf } = setup();
  expect(await request()).toBe('sent');
  expect(notifier.sent).toHaveLength(1);
  expect(notifier.sent[0]).toMatchObject({ channel: 'email', to: 'jordan@example.com', subject: 'Your sign-in link for Acme Plumbing & Heating' });
  const token = tokenOf(0);
  expect(notifier.sent[0]!.text).toContain(`https://portal.example.com/acme/link#token=${token}`);
  expect([...links.links.keys()]).toEqual([sha256(token)]);
  expect(JSON.stringify([...links.links.values()])).not.toContain(token);
});

test('the link expires 15 minutes after it is issued', async () => {
  const { links, clock, request } = setup();
  await request();
  const [link] = [...links.links.values()];
  expect(Date.parse(link!.expiresAt) - clock.now().getTime()).toBe(signInPolicy.linkLifetimeMs);
});

test('texts go to the phone number, short enough for one or two SMS segments', async () => {
  const { notifier, request } = setup();
  await request('r1', { channel: 'sms', address: testCustomer.phone! });
  expect(notifier.sent[0]).toMatchObject({ channel: 'sms', to: '+15555550123' });
  expect(notifier.sent[0]!.text.length).toBeLessThanOrEqual(306);
});

test('unknown contact or portal: nothing stored, nothing sent', async () => {
  const { links, notifier, directory } = setup();
  const deps = { directory, links, notifier, clock: new FakeClock(), random: new CountingRandom(), portalOrigin: 'https://p.example' };
  expect(await issueSignInLink({ requestId: 'x', businessId: 'acme', contact: { channel: 'email', address: 'who@example.com' } }, deps)).toBe('unknown-contact');
  expect(await issueSignInLink({ requestId: 'y', businessId: 'nope', contact: { channel: 'email', address: testCustomer.email! } }, deps)).toBe('unknown-portal');
  expect(links.links.size).toBe(0);
  expect(notifier.sent).toHaveLength(0);
});

test('a new link retires the previous unused one', async () => {
  const { links, request, tokenOf } = setup();
  await request('r1');
  await request('r2');
  expect([...links.links.keys()]).toEqual([sha256(tokenOf(1))]);
});

test('losing the pointer swap to a concurrent request: own link deleted, retried on the new pointer', async () => {
  const { links, directory, notifier, request } = setup();
  let raced = false;
  links.beforeSwap = () => {
    if (raced) return;
    raced = true;
    // A concurrent request swapped in its own link just before us.
    directory.customers.get('acme/cus_1')!.pendingLink = { tokenHash: 'other', requestId: 'other' };
    links.links.set('other', { tokenHash: 'other', businessId: 'acme', customer: testCustomer, issuedAt: '', expiresAt: '' });
  };
  expect(await request()).toBe('sent');
  expect(notifier.sent).toHaveLength(1);
  // Only the link that was finally sent survives: the racer's and our first attempt are gone.
  expect(links.links.size).toBe(1);
  expect(directory.customers.get('acme/cus_1')!.pendingLink!.tokenHash).toBe([...links.links.keys()][0]);
});

test('linkUrl never doubles slashes', () => {
  expect(linkUrl('https://p.example/', 'acme', 't')).toBe('https://p.example/acme/link#token=t');
});
