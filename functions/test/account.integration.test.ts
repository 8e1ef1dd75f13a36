/**
 * The customer's own account, end to end through the local gateway: where they are signed in
 * (listing, ending one, ending all the others) and which links to their things are live (listing,
 * withdrawing one). Each test names the security.md rule it proves.
 */
import { signInPolicy } from '../../shared/auth/policy';
import { startSession } from '../../shared/auth/sessions';
import type { LiveLinksResponse, SessionsResponse } from '../../shared/contract/customer/account';
import { publicIdOf, sha256 } from '../../shared/kernel/secrets';
import { demo } from '../../infra/local/seed';
import { requestLinkToken, startTestStack, tokenOf, verifiedClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { sessionCookieName } from '../http/cookies';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { sessionEntity, sessionPointerEntity } from '../../shared/auth/entity';
import { liveLinkEntity, objectLinkEntity } from '../../shared/links/entity';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const phone = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const laptop = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** A browser signed in as `email` through a sign-in link it asked for, saying it is `userAgent`. */
async function browserSignedInByLink(userAgent: string | null, email = demo.jordan.email): Promise<PortalClient> {
  stack.nextRateWindow();
  const client = stack.client();
  client.userAgent = userAgent;
  return verifiedClient(stack, await requestLinkToken(stack, client, demo.acme.slug, email), client);
}

/**
 * A browser signed in as `email`, its session started as verifying a link starts one: many
 * sign-ins here would otherwise need fresh rate windows, and each moves the clock on by 15
 * minutes, idling out the sessions a test holds.
 */
async function browserAs(userAgent: string | null, email = demo.jordan.email): Promise<PortalClient> {
  const customerId = email === demo.sam.email ? demo.sam.id : demo.jordan.id;
  const { clock, random } = stack.source;
  const { sessionId } = await startSession(stack.demo.acme.business.id, customerId, { userAgent, signedInWith: 'link' }, { sessions: stack.stores.auth, clock, random });
  const client = stack.client();
  client.userAgent = userAgent;
  client.cookies.set(sessionCookieName, sessionId);
  return client;
}

/** Starts a test from one browser alone: every other session of the customer's ends first. */
async function alone(userAgent: string | null = laptop, email = demo.jordan.email): Promise<PortalClient> {
  const client = await browserAs(userAgent, email);
  expect((await client.post('/api/me/sessions/revoke-others')).status).toBe(200);
  return client;
}

const cookieOf = (client: PortalClient) => client.cookies.get(sessionCookieName)!;
const sessionsOf = async (client: PortalClient) => {
  const res = await client.get<SessionsResponse>('/api/me/sessions');
  expect(res.status).toBe(200);
  return res.body.sessions;
};
const linksOf = async (client: PortalClient) => {
  const res = await client.get<LiveLinksResponse>('/api/me/links');
  expect(res.status).toBe(200);
  return res.body.links;
};

describe('where the customer is signed in', () => {
  test('each browser is listed with its browser and system, when it signed in and was last seen, and which is this one; no secret is shown', async () => {
    // Both through the real sign-in: the User-Agent is what the verify request's browser sent.
    const first = await browserSignedInByLink(laptop);
    expect((await first.post('/api/me/sessions/revoke-others')).status).toBe(200);
    const second = await browserSignedInByLink(phone);
    const sessions = await sessionsOf(second);
    expect(sessions).toHaveLength(2);
    const mine = sessions.find((s) => s.current)!;
    const other = sessions.find((s) => !s.current)!;
    expect(mine).toMatchObject({ browser: 'Chrome 131', system: 'Android 14', deviceType: 'mobile', signedInWith: 'link' });
    expect(other).toMatchObject({ browser: 'Firefox 133', system: 'Windows', deviceType: null, signedInWith: 'link' });
    for (const s of sessions) {
      expect(s.id).toMatch(/^ses_[A-Za-z0-9_-]{22}$/);
      expect(Date.parse(s.signedInAt)).not.toBeNaN();
      expect(Date.parse(s.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(s.signedInAt));
    }
    expect(mine.id).toBe(publicIdOf('ses', sha256(cookieOf(second))));
    // Rule 77: neither cookie, nor its stored hash, appears in the answer.
    const text = JSON.stringify(sessions);
    for (const cookie of [cookieOf(first), cookieOf(second)]) {
      expect(text).not.toContain(cookie);
      expect(text).not.toContain(sha256(cookie));
    }
    // The same list, seen from the other browser, marks that one as current.
    expect((await sessionsOf(first)).find((s) => s.current)!.id).toBe(other.id);
  });

  test('a browser that sent no User-Agent is listed with nothing to name it by', async () => {
    await alone(laptop);
    const bare = await browserAs(null);
    expect((await sessionsOf(bare)).find((s) => s.current)).toMatchObject({ browser: null, system: null, deviceType: null });
  });

  test('rule 78: ending another browser\'s session refuses its next request; it leaves the list, this browser stays signed in', async () => {
    const here = await alone(laptop);
    const there = await browserAs(phone);
    const thereId = (await sessionsOf(there)).find((s) => s.current)!.id;
    const ended = await here.delete(`/api/me/sessions/${thereId}`);
    expect(ended.status).toBe(204);
    expect(ended.setCookies).toEqual([]);
    expect((await there.get('/api/me')).status).toBe(401);
    expect((await there.get('/api/jobs?when=upcoming')).status).toBe(401);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await sessionsOf(here)).map((s) => s.id)).not.toContain(thereId);
    // Ending it again: it is not there to end.
    const again = await here.delete(`/api/me/sessions/${thereId}`);
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('ending this browser\'s own session is signing out: the cookie is cleared and refused from then on', async () => {
    const here = await alone(laptop);
    const cookie = cookieOf(here);
    const ownId = (await sessionsOf(here)).find((s) => s.current)!.id;
    const res = await here.delete(`/api/me/sessions/${ownId}`);
    expect(res.status).toBe(204);
    expect(res.setCookies.join('\n')).toMatch(new RegExp(`^${sessionCookieName}=;.*Max-Age=0`, 'im'));
    here.cookies.set(sessionCookieName, cookie);
    expect((await here.get('/api/me')).status).toBe(401);
  });

  test('rule 78: "sign out everywhere else" ends every other session of the customer\'s, and only theirs', async () => {
    const here = await alone(laptop);
    const others = [await browserAs(phone), await browserAs(phone)];
    const sam = await browserAs(laptop, demo.sam.email);
    const res = await here.post<{ signedOut: number }>('/api/me/sessions/revoke-others');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ signedOut: 2 });
    for (const other of others) expect((await other.get('/api/me')).status).toBe(401);
    expect((await here.get('/api/me')).status).toBe(200);
    expect(await sessionsOf(here)).toHaveLength(1);
    // Another customer's browser is not theirs to end.
    expect((await sam.get('/api/me')).status).toBe(200);
  });

  test('rule 78: another customer\'s session cannot be ended, nor told apart from one that does not exist', async () => {
    const jordan = await alone(laptop);
    const sam = await browserAs(laptop, demo.sam.email);
    const samId = (await sessionsOf(sam)).find((s) => s.current)!.id;
    const res = await jordan.delete(`/api/me/sessions/${samId}`);
    const unknown = await jordan.delete(`/api/me/sessions/ses_${'A'.repeat(22)}`);
    expect(res.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(res.body).toEqual({ ...(unknown.body as object), instance: (res.body as { instance?: string }).instance });
    expect((await sam.get('/api/me')).status).toBe(200);
  });

  test('a malformed id is a 400 naming it; without a session, 401; from another site, 403', async () => {
    const here = await alone(laptop);
    const bad = await here.delete('/api/me/sessions/not-an-id');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('sessionId');
    const signedOut = stack.client();
    expect((await signedOut.get('/api/me/sessions')).status).toBe(401);
    expect((await signedOut.post('/api/me/sessions/revoke-others')).status).toBe(401);
    const ownId = (await sessionsOf(here)).find((s) => s.current)!.id;
    const forged = await here.request('DELETE', `/api/me/sessions/${ownId}`, { headers: { origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    expect((await here.get('/api/me')).status).toBe(200);
  });

  test('a crash between a session and its pointer, either way, with no retry: the list shows only sessions that exist, and the ended one stays refused', async () => {
    const here = await alone(laptop);
    // Starting a session: the pointer was written, then the process died before the session.
    const at = stack.source.clock.now().toISOString();
    const never = { idHash: sha256('never-stored'), businessId: stack.demo.acme.business.id, customerId: demo.jordan.id, createdAt: at, lastSeenAt: at, absoluteExpiresAt: new Date(stack.source.clock.now().getTime() + 3_600_000).toISOString(), userAgent: phone, signedInWith: 'link' as const };
    await stack.dynamo.doc.send(new PutCommand({ TableName: stack.dynamo.tableName, Item: sessionPointerEntity.toItem(never, publicIdOf('ses', never.idHash)) }));
    // Ending a session: the session was deleted, then the process died before its pointer.
    const ended = await browserAs(phone);
    await stack.dynamo.doc.send(new DeleteCommand({ TableName: stack.dynamo.tableName, Key: sessionEntity.key(sha256(cookieOf(ended))) }));
    expect((await sessionsOf(here)).map((s) => s.id)).toEqual([publicIdOf('ses', sha256(cookieOf(here)))]);
    expect((await ended.get('/api/me')).status).toBe(401);
    expect((await here.delete(`/api/me/sessions/${publicIdOf('ses', never.idHash)}`)).status).toBe(404);
    expect((await here.post('/api/me/sessions/revoke-others')).body).toEqual({ signedOut: 0 });
  });

  test('browsers that signed in at the same moment are listed in one order on every read (a batch read answers in no set order)', async () => {
    stack.holdClock();
    try {
      const here = await alone(laptop);
      await browserAs(phone);
      await browserAs(null);
      const first = (await sessionsOf(here)).map((s) => s.id);
      expect(first).toHaveLength(3);
      for (let read = 1; read < 10; read++) expect({ read, ids: (await sessionsOf(here)).map((s) => s.id) }).toEqual({ read, ids: first });
    } finally {
      stack.resumeClock();
    }
  });

  test('a session that idled out is not listed', async () => {
    const here = await alone(laptop);
    const idle = await browserAs(phone);
    const idleId = (await sessionsOf(idle)).find((s) => s.current)!.id;
    stack.advanceClock(signInPolicy.sessionIdleMs - 60_000);
    expect((await here.get('/api/me')).status).toBe(200);
    stack.advanceClock(120_000);
    expect((await sessionsOf(here)).map((s) => s.id)).not.toContain(idleId);
  });
});

describe('live links to the customer\'s things', () => {
  /** Jordan's unused sign-in link, asked for by text; returns its token. */
  async function unusedSignInLink(): Promise<string> {
    stack.nextRateWindow();
    const before = stack.outbox.messages().length;
    expect((await stack.client().post('/api/auth/magic-link', { portal: demo.acme.slug, phone: demo.jordan.phone })).status).toBe(202);
    await stack.drainQueues();
    const sms = stack.outbox.messages().slice(0, stack.outbox.messages().length - before).find((m) => m.channel === 'sms');
    return tokenOf(sms!.link!);
  }

  /** The business sends Jordan a pay link for one of his open invoices by email; returns its token. */
  async function payLink(invoiceId = 'inv_1080'): Promise<string> {
    const acme = stack.business();
    expect((await acme.post(`/invoices/${invoiceId}/send`, { channel: 'email' })).status).toBe(202);
    await stack.drainQueues();
    return tokenOf(stack.outbox.messages()[0]!.link!);
  }

  test('rule 77: the list names each live link by kind, what it opens, where it went (masked) and until when; never a token', async () => {
    const here = await alone(laptop);
    const pay = await payLink();
    const signInToken = await unusedSignInLink();
    const links = await linksOf(here);
    const payView = links.find((l) => l.id === publicIdOf('lnk', sha256(pay)))!;
    const signInView = links.find((l) => l.id === publicIdOf('lnk', sha256(signInToken)))!;
    expect(payView).toMatchObject({ kind: 'invoice', objectId: 'inv_1080', opens: { number: 'INV-1080', title: null }, sentTo: { channel: 'email', address: 'j•••@example.com' } });
    expect(signInView).toMatchObject({ kind: 'sign-in', objectId: null, opens: null, sentTo: { channel: 'sms', address: '•••• 0123' } });
    expect(Date.parse(signInView.expiresAt) - Date.parse(signInView.issuedAt)).toBe(signInPolicy.linkLifetimeMs);
    // Newest first.
    expect(links.indexOf(signInView)).toBeLessThan(links.indexOf(payView));
    const text = JSON.stringify(links);
    for (const token of [pay, signInToken]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(sha256(token));
    }
    expect(text).not.toContain(demo.jordan.email);
    expect(text).not.toContain(demo.jordan.phone);
  });

  test('links sent at the same moment are listed in one order on every read', async () => {
    const here = await alone(laptop);
    stack.holdClock();
    try {
      const sent = [await payLink(), await payLink(), await payLink()].map((token) => publicIdOf('lnk', sha256(token)));
      const ours = async () => (await linksOf(here)).map((l) => l.id).filter((id) => sent.includes(id));
      const first = await ours();
      expect([...first].sort()).toEqual([...sent].sort());
      for (let read = 1; read < 10; read++) expect({ read, ids: await ours() }).toEqual({ read, ids: first });
    } finally {
      stack.resumeClock();
    }
  });

  test('a used sign-in link and an expired one are not listed', async () => {
    const here = await alone(laptop);
    const used = await unusedSignInLink();
    await verifiedClient(stack, used);
    expect((await linksOf(here)).map((l) => l.id)).not.toContain(publicIdOf('lnk', sha256(used)));
    const expiring = await unusedSignInLink();
    expect((await linksOf(here)).map((l) => l.id)).toContain(publicIdOf('lnk', sha256(expiring)));
    stack.advanceClock(signInPolicy.linkLifetimeMs);
    expect((await linksOf(here)).map((l) => l.id)).not.toContain(publicIdOf('lnk', sha256(expiring)));
  });

  test('rule 78: a withdrawn pay link fails on its next use and leaves the list; the invoice stays the customer\'s', async () => {
    const here = await alone(laptop);
    const pay = await payLink('inv_1080');
    const id = publicIdOf('lnk', sha256(pay));
    const reader = stack.client();
    expect((await reader.getWithLink('/api/invoices/inv_1080', pay)).status).toBe(200);
    const res = await here.delete(`/api/me/links/${id}`);
    expect(res.status).toBe(204);
    expect((await reader.getWithLink('/api/invoices/inv_1080', pay)).status).toBe(410);
    expect((await linksOf(here)).map((l) => l.id)).not.toContain(id);
    expect((await here.get('/api/invoices/inv_1080')).status).toBe(200);
    expect((await here.delete(`/api/me/links/${id}`)).status).toBe(404);
  });

  test('rule 78: a withdrawn sign-in link no longer signs anyone in', async () => {
    const here = await alone(laptop);
    const token = await unusedSignInLink();
    expect((await here.delete(`/api/me/links/${publicIdOf('lnk', sha256(token))}`)).status).toBe(204);
    expect((await stack.client().post('/api/auth/verify', { token })).status).toBe(401);
  });

  test('rule 78: another customer\'s link cannot be withdrawn (404, as for none), and keeps working', async () => {
    const jordan = await alone(laptop);
    const sam = await alone(laptop, demo.sam.email);
    const acme = stack.business();
    expect((await acme.post('/invoices/inv_2001/send', { channel: 'email' })).status).toBe(202);
    await stack.drainQueues();
    const message = stack.outbox.messages()[0]!;
    expect(message.to).toBe(demo.sam.email);
    const samPay = tokenOf(message.link!);
    const samLinkId = publicIdOf('lnk', sha256(samPay));
    expect((await linksOf(sam)).map((l) => l.id)).toContain(samLinkId);
    expect((await linksOf(jordan)).map((l) => l.id)).not.toContain(samLinkId);
    expect((await jordan.delete(`/api/me/links/${samLinkId}`)).status).toBe(404);
    expect((await stack.client().getWithLink('/api/invoices/inv_2001', samPay)).status).toBe(200);
  });

  test('a crash after a link\'s pointers, before the link (no retry), lists nothing and opens nothing; a link deleted before its pointer is gone from the list', async () => {
    const here = await alone(laptop);
    const at = stack.source.clock.now().toISOString();
    const orphan = { kind: 'invoice' as const, tokenHash: sha256('never-minted'), businessId: stack.demo.acme.business.id, customerId: demo.jordan.id, issuedAt: at, expiresAt: new Date(stack.source.clock.now().getTime() + 3_600_000).toISOString() };
    await stack.dynamo.doc.send(new PutCommand({ TableName: stack.dynamo.tableName, Item: liveLinkEntity.toItem(orphan, publicIdOf('lnk', orphan.tokenHash)) }));
    const pay = await payLink();
    await stack.dynamo.doc.send(new DeleteCommand({ TableName: stack.dynamo.tableName, Key: objectLinkEntity.key('invoice', sha256(pay)) }));
    const ids = (await linksOf(here)).map((l) => l.id);
    expect(ids).not.toContain(publicIdOf('lnk', orphan.tokenHash));
    expect(ids).not.toContain(publicIdOf('lnk', sha256(pay)));
    expect((await here.delete(`/api/me/links/${publicIdOf('lnk', orphan.tokenHash)}`)).status).toBe(404);
    expect((await stack.client().getWithLink('/api/invoices/inv_1080', pay)).status).toBe(410);
  });

  test('a malformed link id is a 400 naming it; without a session, 401', async () => {
    const here = await alone(laptop);
    const bad = await here.delete('/api/me/links/abc');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('linkId');
    expect((await stack.client().get('/api/me/links')).status).toBe(401);
  });
});
