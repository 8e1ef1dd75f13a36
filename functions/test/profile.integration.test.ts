/**
 * The customer's own profile, end to end through the local gateway: name, language and
 * notification choices (`PATCH /api/me`), STOP and START texted back, and the two-step change of
 * email or phone, with the business's writes winning, crashes after each step finished by the
 * re-driver with no client, and the business hearing `customer.updated`. Each test names the
 * security.md rule it proves.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProfileResponse } from '../../shared/contract/customer/profile';
import { startSession } from '../../shared/auth/sessions';
import { InjectedCrash, withCrashAt } from '../../shared/followups/crash';
import { fastPathGraceMs } from '../../shared/followups/owed';
import { contactChangePolicy } from '../../shared/account/contact-change';
import { startTestStack, tokenOf, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { sessionCookieName } from '../http/cookies';
import { jobBody } from '../../infra/local/testing/business-api';

let stack: TestStack;
let receiver: Server;
/** The `customer.updated` events the business's endpoint received, oldest first. */
const events: { id: string; type: string; data: { customerId: string; changed: string[]; customer: { email: string | null; phone: string | null; name: string } } }[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const event = JSON.parse(body) as (typeof events)[number];
      if (event.type === 'customer.updated') events.push(event);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const endpoint = await stack.business().post('/webhook-endpoints', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: ['customer.updated'] });
  expect(endpoint.status).toBe(201);
});
afterAll(async () => {
  await stack.stop();
  await new Promise<void>((done) => receiver.close(() => done()));
});

let serial = 0;
/** A customer of the demo business of their own (written through the business API), and a browser signed in as them. */
async function freshCustomer(): Promise<{ id: string; email: string; phone: string; client: PortalClient }> {
  serial += 1;
  const id = `cus_profile_${serial}`;
  const email = `profile-${serial}@example.com`;
  const phone = `+1555010${String(1000 + serial).slice(-4)}`;
  expect((await stack.business().put(`/customers/${id}`, { name: `Pat Profile ${serial}`, email, phone })).status).toBe(201);
  const { clock, random } = stack.source;
  const { sessionId } = await startSession(stack.demo.acme.business.id, id, { userAgent: null, signedInWith: 'link' }, { sessions: stack.stores.auth, clock, random });
  const client = stack.client();
  client.cookies.set(sessionCookieName, sessionId);
  return { id, email, phone, client };
}

const profileOf = async (client: PortalClient) => {
  const res = await client.get<ProfileResponse>('/api/me');
  expect(res.status).toBe(200);
  return res.body;
};

/** The outbox's messages to `address`, newest first. */
const sentTo = (address: string) => stack.outbox.messages().filter((m) => m.to === address);
/** Each event once: a receiver drops a repeat by its id (Standard Webhooks), as a redelivery keeps it. */
const eventsFor = (customerId: string) => [...new Map(events.filter((e) => e.data.customerId === customerId).map((e) => [e.id, e])).values()];
const textReply = (from: string, body: string) => fetch(`${stack.url}/dev/sms/reply`, { method: 'POST', body: JSON.stringify({ from, body }) });

describe('the profile', () => {
  test('GET /api/me shows every notice on, texts not stopped, nothing pending', async () => {
    const { client } = await freshCustomer();
    const { account, customer } = await profileOf(client);
    expect(customer.name).toMatch(/^Pat Profile/);
    expect(account).toEqual({
      notifications: { payments: { email: true, sms: true }, documents: { email: true, sms: true }, visits: { email: true, sms: true }, messages: { email: true, sms: true } },
      textsStopped: false,
      pendingContacts: [],
    });
  });

  test('PATCH /api/me changes the name and the choices it names, keeps the rest, and the business hears customer.updated once', async () => {
    const { id, client } = await freshCustomer();
    const res = await client.patch<ProfileResponse>('/api/me', { name: 'Pat Renamed', notifications: { messages: { sms: false } } });
    expect(res.status).toBe(200);
    expect(res.body.customer.name).toBe('Pat Renamed');
    expect(res.body.account.notifications.messages).toEqual({ email: true, sms: false });
    expect(res.body.account.notifications.payments).toEqual({ email: true, sms: true });
    expect((await stack.business().get(`/customers/${id}`)).body.name).toBe('Pat Renamed');
    // The same again changes nothing: no write, no second event.
    expect((await client.patch('/api/me', { name: 'Pat Renamed' })).status).toBe(200);
    await stack.drainQueues();
    expect(eventsFor(id)).toHaveLength(1);
    expect(eventsFor(id)[0]!.data.changed).toEqual(['name', 'notifications']);
  });

  test('bad input is a 400 naming the field, and nothing is written', async () => {
    const { client } = await freshCustomer();
    const before = await profileOf(client);
    for (const [body, field] of [
      [{}, ''],
      [{ name: '' }, 'name'],
      [{ notifications: { messages: { fax: true } } }, 'notifications.messages.fax'],
      [{ notifications: { gossip: { email: true } } }, 'notifications.gossip'],
      [{ notifications: { messages: { email: 'no' } } }, 'notifications.messages.email'],
      [{ name: 'x', admin: true }, ''],
    ] as const) {
      const res = await client.patch<{ errors?: { field: string }[] }>('/api/me', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      if (field) expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await profileOf(client)).toEqual(before);
  });
});

describe('notification choices and STOP (rule 81)', () => {
  test('a topic turned off on a channel sends nothing there; the other channel still gets it', async () => {
    const { id, email, phone, client } = await freshCustomer();
    expect((await stack.business().put('/jobs/job_profile_1', jobBody(stack, id, 3 * 24 * 3600_000))).status).toBeLessThan(300);
    expect((await client.patch('/api/me', { notifications: { messages: { email: false } } })).status).toBe(200);
    await stack.drainQueues();
    expect((await stack.business().post('/jobs/job_profile_1/messages', { text: 'By email?', notify: 'email' })).status).toBe(201);
    expect((await stack.business().post('/jobs/job_profile_1/messages', { text: 'By text?', notify: 'sms' })).status).toBe(201);
    await stack.drainQueues();
    expect(sentTo(email)).toHaveLength(0);
    expect(sentTo(phone).map((m) => m.text).join()).toContain('By text?');
  });

  test('STOP ends every text to the number, sign-in links included, until START; the portal shows it', async () => {
    const { email, phone, client } = await freshCustomer();
    expect((await textReply(phone, ' stop. ')).status).toBe(204);
    expect((await profileOf(client)).account.textsStopped).toBe(true);
    stack.nextRateWindow();
    expect((await stack.client().post('/api/auth/magic-link', { portal: 'acme', phone })).status).toBe(202);
    await stack.drainQueues();
    expect(sentTo(phone)).toHaveLength(0);
    // Email is not a text: it still goes.
    expect((await stack.client().post('/api/auth/magic-link', { portal: 'acme', email })).status).toBe(202);
    await stack.drainQueues();
    expect(sentTo(email)).toHaveLength(1);

    expect((await textReply(phone, 'START')).status).toBe(204);
    expect((await profileOf(client)).account.textsStopped).toBe(false);
    stack.nextRateWindow();
    expect((await stack.client().post('/api/auth/magic-link', { portal: 'acme', phone })).status).toBe(202);
    await stack.drainQueues();
    expect(sentTo(phone)).toHaveLength(1);
  });

  test('a reply received before the one recorded changes nothing (SNS may deliver out of order)', async () => {
    const { phone } = await freshCustomer();
    const now = Date.now();
    await stack.stores.optOuts.recordReply(phone, true, new Date(now).toISOString(), new Date().toISOString());
    expect(await stack.stores.optOuts.recordReply(phone, false, new Date(now - 1000).toISOString(), new Date().toISOString())).toBe(false);
    expect(await stack.stores.optOuts.isStopped(phone)).toBe(true);
  });

  test('words that are not a keyword change nothing', async () => {
    const { phone } = await freshCustomer();
    expect((await textReply(phone, 'Please stop by at 3')).status).toBe(204);
    expect(await stack.stores.optOuts.isStopped(phone)).toBe(false);
    expect((await fetch(`${stack.url}/dev/sms/reply`, { method: 'POST', body: '{"from":"nope","body":"STOP"}' })).status).toBe(400);
  });
});

describe('changing email or phone (rule 82)', () => {
  /** Asks for the change and returns what was sent to the new address. */
  async function ask(client: PortalClient, body: { email: string } | { phone: string }) {
    const res = await client.post<{ pending: { channel: string; to: string; expiresAt: string } }>('/api/me/contact', body);
    expect(res.status).toBe(202);
    await stack.drainQueues();
    const to = 'email' in body ? body.email : body.phone;
    const message = sentTo(to)[0]!;
    return { res, message };
  }
  const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;

  test('an email change: the link goes to the new address; confirming switches sign-in, tells the old address, and the business hears it', async () => {
    const { id, email, client } = await freshCustomer();
    const next = `moved-${id}@example.com`;
    const { res, message } = await ask(client, { email: next });
    expect(res.body.pending).toEqual({ channel: 'email', to: expect.stringMatching(/^m•••@example\.com$/), expiresAt: expect.any(String) });
    expect(message.link).toMatch(/\/acme\/profile#token=/);
    // Nothing changes until it is confirmed.
    expect((await profileOf(client)).customer.email).toBe(email);
    expect((await profileOf(client)).account.pendingContacts).toHaveLength(1);

    const confirmed = await client.post<ProfileResponse>('/api/me/contact/confirm', { token: tokenOf(message.link!) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.customer.email).toBe(next);
    expect(confirmed.body.account.pendingContacts).toEqual([]);
    await stack.drainQueues();
    // The old address is told, once, and where it went is masked.
    const notices = sentTo(email).filter((m) => /changed/i.test(m.subject ?? ''));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('m•••@example.com');
    expect(notices[0]!.text).not.toContain(next);
    // Sign-in follows: the new address gets links, the old one none.
    stack.nextRateWindow();
    const before = stack.outbox.messages().length;
    await stack.client().post('/api/auth/magic-link', { portal: 'acme', email });
    await stack.client().post('/api/auth/magic-link', { portal: 'acme', email: next });
    await stack.drainQueues();
    expect(stack.outbox.messages().slice(0, stack.outbox.messages().length - before).map((m) => m.to)).toEqual([next]);
    expect((await stack.business().get(`/customers/${id}`)).body.email).toBe(next);
    expect(eventsFor(id).map((e) => e.data.changed)).toEqual([['email']]);
    // The token was used once: again, it opens nothing.
    expect((await client.post('/api/me/contact/confirm', { token: tokenOf(message.link!) })).status).toBe(410);
  });

  test('a phone change by texted code; wrong codes are counted and the sixth try fails even with the right code', async () => {
    const { client } = await freshCustomer();
    const next = '+15550199901';
    const { message } = await ask(client, { phone: next });
    const code = codeIn(message.text);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < contactChangePolicy.maxAttempts; i++) {
      const res = await client.post<{ errors: { field: string }[] }>('/api/me/contact/confirm', { code: wrong });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]!.field).toBe('code');
    }
    expect((await client.post('/api/me/contact/confirm', { code })).status).toBe(410);
    expect((await profileOf(client)).customer.phone).not.toBe(next);

    const again = await ask(client, { phone: next });
    const confirmed = await client.post<ProfileResponse>('/api/me/contact/confirm', { code: codeIn(again.message.text) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.customer.phone).toBe(next);
  });

  test('an email and a phone change pending at once are listed email first, on every read (a batch read answers in no set order)', async () => {
    const { id, client } = await freshCustomer();
    await ask(client, { phone: '+15550199902' });
    await ask(client, { email: `both-${id}@example.com` });
    for (let read = 0; read < 10; read++) {
      expect({ read, channels: (await profileOf(client)).account.pendingContacts.map((p) => p.channel) }).toEqual({ read, channels: ['email', 'sms'] });
    }
  });

  test('an address another customer has is refused without saying whose, and nothing changes', async () => {
    const { email, client } = await freshCustomer();
    const other = await freshCustomer();
    const { message } = await ask(client, { email: other.email });
    const res = await client.post<{ detail: string }>('/api/me/contact/confirm', { token: tokenOf(message.link!) });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toContain(other.id);
    expect(JSON.stringify(res.body)).not.toMatch(/Pat Profile/);
    expect((await profileOf(client)).customer.email).toBe(email);
    expect((await profileOf(other.client)).customer.email).toBe(other.email);
    expect(await stack.stores.directory.findCustomerIdByContact(stack.demo.acme.business.id, { channel: 'email', address: other.email })).toBe(other.id);
  });

  test('the business changing the address after the request wins: the confirmation is refused', async () => {
    const { id, client } = await freshCustomer();
    const { message } = await ask(client, { email: `mine-${id}@example.com` });
    expect((await stack.business().put(`/customers/${id}`, { name: 'Pat', email: `theirs-${id}@example.com`, phone: null })).status).toBe(200);
    const res = await client.post('/api/me/contact/confirm', { token: tokenOf(message.link!) });
    expect(res.status).toBe(409);
    expect((await profileOf(client)).customer.email).toBe(`theirs-${id}@example.com`);
  });

  test('racing a business PUT, one wins and the sign-in lookups agree with what won', async () => {
    const { id, client } = await freshCustomer();
    const mine = `race-mine-${id}@example.com`;
    const theirs = `race-theirs-${id}@example.com`;
    const { message } = await ask(client, { email: mine });
    await Promise.all([client.post('/api/me/contact/confirm', { token: tokenOf(message.link!) }), stack.business().put(`/customers/${id}`, { name: 'Pat', email: theirs, phone: null })]);
    const final = (await profileOf(client)).customer.email!;
    expect([mine, theirs]).toContain(final);
    const biz = stack.demo.acme.business.id;
    expect(await stack.stores.directory.findCustomerIdByContact(biz, { channel: 'email', address: final })).toBe(id);
    // A lookup left for the other address may remain (harmless, see customers.ts), but its customer does not have it:
    // no link goes there.
    const loser = final === mine ? theirs : mine;
    stack.nextRateWindow();
    await stack.client().post('/api/auth/magic-link', { portal: 'acme', email: loser });
    await stack.drainQueues();
    expect(sentTo(loser).filter((m) => m.link?.includes('/link#'))).toHaveLength(0);
  });

  test.each(['customer:decided', 'customer:event', 'customer:notice'])('a crash at %s, with no client retry: the re-driver finishes, the old address is told once and the business hears it once', async (point) => {
    const { id, email, client } = await freshCustomer();
    const next = `crash-${id}@example.com`;
    const { message } = await ask(client, { email: next });
    const res = await withCrashAt(point, () => client.post('/api/me/contact/confirm', { token: tokenOf(message.link!) }));
    expect(res.status).toBe(500);
    expect((await profileOf(client)).customer.email).toBe(next);
    stack.advanceClock(fastPathGraceMs + 1000);
    await stack.redrive();
    await stack.redrive();
    await stack.drainQueues();
    expect(sentTo(email).filter((m) => /changed/i.test(m.subject ?? ''))).toHaveLength(1);
    expect(eventsFor(id).map((e) => e.data.changed)).toEqual([['email']]);
    expect(InjectedCrash).toBeDefined();
  });

  test('a stolen session alone cannot change the address: an old session needs the current password, or a fresh link sign-in', async () => {
    const { id, client } = await freshCustomer();
    stack.advanceClock(11 * 60_000);
    const refused = await client.post<{ detail: string }>('/api/me/contact', { email: `thief-${id}@example.com` });
    expect(refused.status).toBe(403);
    // With a password, the current one is the proof.
    const { clock, random } = stack.source;
    const fresh = stack.client();
    fresh.cookies.set(sessionCookieName, (await startSession(stack.demo.acme.business.id, id, { userAgent: null, signedInWith: 'link' }, { sessions: stack.stores.auth, clock, random })).sessionId);
    expect((await fresh.request('PUT', '/api/me/password', { json: { password: 'a kettle of fish and chips' } })).status).toBe(200);
    stack.advanceClock(11 * 60_000);
    expect((await fresh.post<{ errors: { field: string }[] }>('/api/me/contact', { email: `mine-${id}@example.com` })).body.errors[0]!.field).toBe('currentPassword');
    expect((await fresh.post('/api/me/contact', { email: `mine-${id}@example.com`, currentPassword: 'a kettle of fish and chips' })).status).toBe(202);
  });

  test('confirming a new address signs out every other browser', async () => {
    const { id, client } = await freshCustomer();
    const { clock, random } = stack.source;
    const other = stack.client();
    other.cookies.set(sessionCookieName, (await startSession(stack.demo.acme.business.id, id, { userAgent: null, signedInWith: 'link' }, { sessions: stack.stores.auth, clock, random })).sessionId);
    const { message } = await ask(client, { email: `others-out-${id}@example.com` });
    expect((await client.post('/api/me/contact/confirm', { token: tokenOf(message.link!) })).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  test('asking too often is a 429; asking for the address one already has is a 400', async () => {
    const { email, client } = await freshCustomer();
    expect((await client.post('/api/me/contact', { email })).status).toBe(400);
    expect((await client.post('/api/me/contact', { email: 'a@example.com', phone: '+15550000000' })).status).toBe(400);
    for (let i = 0; i < contactChangePolicy.requestsPerHour; i++) expect((await client.post('/api/me/contact', { email: `often-${i}@example.com` })).status).toBe(202);
    expect((await client.post('/api/me/contact', { email: 'once-more@example.com' })).status).toBe(429);
  });
});
