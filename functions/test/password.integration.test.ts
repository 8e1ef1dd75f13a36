/**
 * The optional password, end to end through the local gateway: setting it (the rules, the proof
 * it asks for), signing in with it (one answer for every way of being wrong, the throttles that
 * never lock anyone out for good), changing and removing it (every other session ends, the
 * customer is told), and a crash after the write finished by the re-driver with no client.
 * Each test names the security.md rule it proves.
 */
import type { PasswordChanged, PasswordStatus } from '../../shared/contract/customer/password';
import type { SessionsResponse } from '../../shared/contract/customer/account';
import { startSession } from '../../shared/auth/sessions';
import { withCrashAt } from '../../shared/followups/crash';
import { fastPathGraceMs } from '../../shared/followups/owed';
import { passwordThrottle, recentLinkSignInMs } from '../../shared/auth/password/policy';
import { waitAfter } from '../../shared/auth/password/sign-in';
import { PortalClient, startTestStack, type TestStack } from '../../infra/local/test-support';
import { sessionCookieName } from '../http/cookies';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const good = 'a kettle of fish and chips';

let serial = 0;
/** A customer of their own, and a browser signed in as them by a link just now. */
async function freshCustomer(options: { phoneOnly?: boolean } = {}): Promise<{ id: string; email: string; client: PortalClient; browser: () => Promise<PortalClient> }> {
  serial += 1;
  const id = `cus_pw_${serial}`;
  const email = `pw-${serial}@example.com`;
  expect((await stack.business().put(`/customers/${id}`, { name: `Robin Password ${serial}`, email: options.phoneOnly ? null : email, phone: `+1555020${String(1000 + serial).slice(-4)}` })).status).toBe(201);
  const browser = async () => {
    const { clock, random } = stack.source;
    const { sessionId } = await startSession(stack.demo.acme.business.id, id, { userAgent: null, signedInWith: 'link' }, { sessions: stack.stores.auth, clock, random });
    const client = stack.client();
    client.cookies.set(sessionCookieName, sessionId);
    return client;
  };
  return { id, email, client: await browser(), browser };
}

const signInWith = (email: string, password: string, client = stack.client()) => client.post('/api/auth/password', { portal: 'acme', email, password });
/** What a problem says, without what differs on every answer. */
const said = (body: { type?: string; title?: string; status?: number; detail?: string }) => ({ type: body.type, title: body.title, status: body.status, detail: body.detail });

describe('setting a password (rule 83)', () => {
  test.each([
    ['too short', 'seven77'],
    ['one of the commonest', 'password123'],
    ['the customer\'s own email', 'EMAIL'],
  ])('a password that is %s is a 400 naming it, and nothing is stored', async (_why, password) => {
    const { email, client } = await freshCustomer();
    const res = await client.request<{ errors: { field: string }[] }>('PUT', '/api/me/password', { json: { password: password === 'EMAIL' ? email : password } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.field)).toEqual(['password']);
    expect((await client.get<PasswordStatus>('/api/me/password')).body.hasPassword).toBe(false);
  });

  test('any characters and no rules of composition: a long passphrase with spaces and an emoji is taken', async () => {
    const { email, client } = await freshCustomer();
    const passphrase = 'the quick brown fox 🦊 jumps';
    expect((await client.request('PUT', '/api/me/password', { json: { password: passphrase } })).status).toBe(200);
    expect((await signInWith(email, passphrase)).status).toBe(200);
  });

  test('setting one ends every other session, tells the customer, and the password then signs in; the session says how', async () => {
    const { email, client, browser } = await freshCustomer();
    const other = await browser();
    const res = await client.request<PasswordChanged>('PUT', '/api/me/password', { json: { password: good } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hasPassword: true, signedOutElsewhere: 1 });
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await client.get('/api/me')).status).toBe(200);
    await stack.drainQueues();
    expect(stack.outbox.messages().filter((m) => m.to === email && /password was set/i.test(m.subject ?? ''))).toHaveLength(1);

    const fresh = stack.client();
    const signedIn = await signInWith(email, good, fresh);
    expect(signedIn.status).toBe(200);
    expect(signedIn.setCookies.join()).toMatch(/HttpOnly/i);
    const sessions = (await fresh.get<SessionsResponse>('/api/me/sessions')).body.sessions;
    expect(sessions.find((s) => s.current)?.signedInWith).toBe('password');
  });

  test('a session from a link more than 10 minutes old cannot set a first password (403); with one, it needs the current one', async () => {
    const { email, client } = await freshCustomer();
    stack.advanceClock(recentLinkSignInMs + 1000);
    const first = await client.request('PUT', '/api/me/password', { json: { password: good } });
    expect(first.status).toBe(403);
    // A fresh link sign-in sets it.
    const recent = await (await freshCustomerFor(email)).request<PasswordChanged>('PUT', '/api/me/password', { json: { password: good } });
    expect(recent.status).toBe(200);
    stack.advanceClock(recentLinkSignInMs + 1000);
    const signedIn = stack.client();
    expect((await signInWith(email, good, signedIn)).status).toBe(200);
    // A password session changes it only with the current one.
    expect((await signedIn.request<{ errors: { field: string }[] }>('PUT', '/api/me/password', { json: { password: 'another fine passphrase' } })).body.errors[0]!.field).toBe('currentPassword');
    expect((await signedIn.request('PUT', '/api/me/password', { json: { password: 'another fine passphrase', currentPassword: 'not it at all' } })).status).toBe(400);
    expect((await signedIn.request('PUT', '/api/me/password', { json: { password: 'another fine passphrase', currentPassword: good } })).status).toBe(200);
    expect((await signInWith(email, 'another fine passphrase')).status).toBe(200);
  });

  /** A new browser of the customer whose email is `email`, signed in by a link just now. */
  async function freshCustomerFor(email: string): Promise<PortalClient> {
    const id = await stack.stores.directory.findCustomerIdByContact(stack.demo.acme.business.id, { channel: 'email', address: email });
    const { clock, random } = stack.source;
    const { sessionId } = await startSession(stack.demo.acme.business.id, id!, { userAgent: null, signedInWith: 'link' }, { sessions: stack.stores.auth, clock, random });
    const client = stack.client();
    client.cookies.set(sessionCookieName, sessionId);
    return client;
  }

  test('removing it: the password no longer signs in, other sessions end, the customer is told', async () => {
    const { email, client, browser } = await freshCustomer();
    expect((await client.request('PUT', '/api/me/password', { json: { password: good } })).status).toBe(200);
    const other = await browser();
    const removed = await client.request<PasswordChanged>('DELETE', '/api/me/password', { json: { currentPassword: good } });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ hasPassword: false, signedOutElsewhere: 1 });
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await signInWith(email, good)).status).toBe(401);
    await stack.drainQueues();
    expect(stack.outbox.messages().filter((m) => m.to === email && /password was removed/i.test(m.subject ?? ''))).toHaveLength(1);
  });

  test('a retried set (its answer lost) answers the same, with no second notice or sign-out', async () => {
    const { email, client, browser } = await freshCustomer();
    await browser();
    const first = await client.request<PasswordChanged>('PUT', '/api/me/password', { json: { password: good } });
    const again = await client.request<PasswordChanged>('PUT', '/api/me/password', { json: { password: good } });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ hasPassword: true, setAt: first.body.setAt, signedOutElsewhere: 0 });
    await stack.drainQueues();
    expect(stack.outbox.messages().filter((m) => m.to === email && /password was set/i.test(m.subject ?? ''))).toHaveLength(1);
  });

  test('a customer with no email cannot set a password (it could never sign in): 400 naming it', async () => {
    const { client } = await freshCustomer({ phoneOnly: true });
    const res = await client.request<{ errors: { field: string }[] }>('PUT', '/api/me/password', { json: { password: good } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]!.field).toBe('password');
  });

  test('a crash right after the write, with no client retry: the re-driver ends the other sessions and tells the customer once', async () => {
    const { email, client, browser } = await freshCustomer();
    const other = await browser();
    const res = await withCrashAt('password:decided', () => client.request('PUT', '/api/me/password', { json: { password: good } }));
    expect(res.status).toBe(500);
    expect((await other.get('/api/me')).status).toBe(200);
    stack.advanceClock(fastPathGraceMs + 1000);
    await stack.redrive();
    await stack.drainQueues();
    expect((await other.get('/api/me')).status).toBe(401);
    expect(stack.outbox.messages().filter((m) => m.to === email && /password was set/i.test(m.subject ?? ''))).toHaveLength(1);
    expect((await signInWith(email, good)).status).toBe(200);
  });
});

describe('signing in with a password (rule 83)', () => {
  test('an unknown email, a wrong password and an account that signs in by link get the same answer', async () => {
    const withPassword = await freshCustomer();
    expect((await withPassword.client.request('PUT', '/api/me/password', { json: { password: good } })).status).toBe(200);
    const linkOnly = await freshCustomer();
    const answers = await Promise.all([signInWith('nobody-here@example.com', good), signInWith(withPassword.email, 'not the password'), signInWith(linkOnly.email, good)]);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.setCookies).toEqual([]);
    }
    expect(said(answers[1]!.body)).toEqual(said(answers[0]!.body));
    expect(said(answers[2]!.body)).toEqual(said(answers[0]!.body));
    expect(answers[0]!.body.detail).toBe('Email or password is wrong, or this account signs in by link.');
  });

  test('an account\'s wrong tries make the next wait longer and longer, never for good; the right password works once the wait is over', async () => {
    const { email, client } = await freshCustomer();
    expect((await client.request('PUT', '/api/me/password', { json: { password: good } })).status).toBe(200);
    // The first wait is 2 s, and one try (an Argon2id check and three writes) can take a good part of
    // that on a busy machine: the clock stands still but for the moves the test makes.
    stack.holdClock();
    try {
      for (let i = 0; i < passwordThrottle.freeFailuresPerAccount; i++) expect((await signInWith(email, `wrong ${i}`)).status).toBe(401);
      const waiting = await signInWith(email, good);
      expect(waiting.status).toBe(429);
      expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
      stack.advanceClock(waitAfter(passwordThrottle.freeFailuresPerAccount) * 1000 + 1);
      expect((await signInWith(email, 'wrong again')).status).toBe(401);
      // The wait doubled.
      stack.advanceClock(waitAfter(passwordThrottle.freeFailuresPerAccount) * 1000 + 1);
      expect((await signInWith(email, good)).status).toBe(429);
      stack.advanceClock(waitAfter(passwordThrottle.freeFailuresPerAccount + 1) * 1000);
      expect((await signInWith(email, good)).status).toBe(200);
      // The count starts again after a success.
      expect((await signInWith(email, 'wrong once more')).status).toBe(401);
      expect((await signInWith(email, good)).status).toBe(200);
    } finally {
      stack.resumeClock();
    }
  });

  test('one address trying many accounts is slowed down on all of them', async () => {
    const client = stack.client();
    stack.nextRateWindow();
    for (let i = 0; i < passwordThrottle.triesPerAddress; i++) expect((await signInWith(`spray-${i}@example.com`, 'Summer2026!', client)).status).toBe(401);
    expect((await signInWith('spray-last@example.com', 'Summer2026!', client)).status).toBe(429);
    // Another address is not.
    expect((await signInWith('spray-last@example.com', 'Summer2026!')).status).toBe(401);
  });

  test('tries made at once on one account cannot slip past the count: of 20 at once, the rest wait', async () => {
    const { email, client } = await freshCustomer();
    expect((await client.request('PUT', '/api/me/password', { json: { password: good } })).status).toBe(200);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signInWith(email, `burst ${i}`)));
    const wrongs = answers.filter((a) => a.status === 401).length;
    expect(wrongs).toBeGreaterThanOrEqual(1);
    expect(wrongs).toBeLessThanOrEqual(passwordThrottle.freeFailuresPerAccount);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
  });

  test('addresses of one IPv6 /64 count as one address', async () => {
    stack.nextRateWindow();
    const first = new PortalClient(stack.url, '2001:db8:1:2::1');
    for (let i = 0; i < passwordThrottle.triesPerAddress; i++) expect((await signInWith(`v6-${i}@example.com`, 'Summer2026!', first)).status).toBe(401);
    expect((await signInWith('v6-last@example.com', 'Summer2026!', new PortalClient(stack.url, '2001:db8:1:2:ffff::9'))).status).toBe(429);
  });

  test('bad input is a 400 naming the field', async () => {
    for (const [body, field] of [
      [{ portal: 'acme', email: 'not-an-email', password: 'x' }, 'email'],
      [{ portal: 'acme', email: 'a@example.com', password: '' }, 'password'],
      [{ portal: 'acme', email: 'a@example.com' }, 'password'],
      [{ portal: 'acme', email: 'a@example.com', password: 'x', extra: 1 }, 'extra'],
    ] as const) {
      const res = await stack.client().post<{ errors: { field: string }[] }>('/api/auth/password', body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e) => e.field)).toContain(field);
    }
  });
});
