/**
 * Sign-in links and sessions, end to end: the real handlers behind the local gateway, against
 * dynalite. Each test names the security.md rule it proves.
 */
import { request as httpRequest } from 'node:http';
import { signInPolicy } from '../../shared/auth/policy';
import { sha256 } from '../../shared/kernel/secrets';
import { sessionEntity, signInLinkEntity } from '../../shared/auth/entity';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { demo } from '../../infra/local/seed';
import { newestToken, requestLinkToken, signIn, startTestStack, tokenOf, type TestStack } from '../../infra/local/test-support';
import { sessionCookieName } from '../http/cookies';
import { linkPolicy } from '../../shared/auth/capability-links';

let stack: TestStack;
const consoleLines: string[] = [];
/** Every token and session id the suite sees; none may ever appear in a log line (rule 11). */
const secretsSeen = new Set<string>();

beforeAll(async () => {
  stack = await startTestStack(process.env.DEBUG_LOGS ? {} : { consoleLines });
});
afterAll(() => stack.stop());

const rememberSecrets = (...values: (string | undefined)[]) => values.forEach((v) => v && secretsSeen.add(v));

async function linkFor(email = demo.jordan.email, portal = 'acme') {
  const client = stack.client();
  stack.nextRateWindow();
  const token = await requestLinkToken(stack, client, portal, email);
  rememberSecrets(token);
  return { client, token };
}

async function itemExists(key: { pk: string; sk: string }) {
  const { Item } = await stack.dynamo.doc.send(new GetCommand({ TableName: stack.dynamo.tableName, Key: key }));
  return Item !== undefined;
}

describe('asking for a sign-in link', () => {
  test('rule 1: the emailed token is 256 bits of base64url and only its SHA-256 is stored', async () => {
    const { token } = await linkFor();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(await itemExists(signInLinkEntity.key(sha256(token)))).toBe(true);
    expect(await itemExists(signInLinkEntity.key(token))).toBe(false);
  });

  test('rule 6: a known and an unknown address get the same status and body; only the known one is sent a link', async () => {
    const client = stack.client();
    const before = stack.outbox.messages().length;
    const known = await client.post('/api/auth/magic-link', { portal: 'acme', email: demo.jordan.email });
    const unknown = await client.post('/api/auth/magic-link', { portal: 'acme', email: 'nobody@example.com' });
    const unknownPortal = await client.post('/api/auth/magic-link', { portal: 'no-such-portal', email: demo.jordan.email });
    await stack.drainQueues();
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknownPortal.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknownPortal.body).toEqual(known.body);
    expect(stack.outbox.messages().length - before).toBe(1);
  });

  test('a text-message link goes to the phone number', async () => {
    const client = stack.client();
    const res = await client.post('/api/auth/magic-link', { portal: 'acme', phone: demo.jordan.phone });
    expect(res.status).toBe(202);
    const sms = await stack.outbox.waitFor((m) => m.channel === 'sms' && m.to === demo.jordan.phone);
    expect(sms.link).toMatch(new RegExp(`^${stack.url}/acme/link#token=[A-Za-z0-9_-]{43}$`));
    rememberSecrets(sms.link?.split('#token=')[1]);
  });

  test('rule 8: a forged Host header does not change the link: it uses the configured portal origin', async () => {
    const before = stack.outbox.messages().length;
    const body = JSON.stringify({ portal: 'acme', email: demo.jordan.email });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${stack.url}/api/auth/magic-link`,
        { method: 'POST', headers: { host: 'evil.example', origin: stack.url, 'content-type': 'application/json', 'x-test-client-ip': '203.0.113.80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    await stack.drainQueues();
    expect(status).toBe(202);
    expect(stack.outbox.messages().length).toBe(before + 1);
    const link = stack.outbox.messages()[0]!.link!;
    rememberSecrets(tokenOf(link));
    expect(link.startsWith(`${stack.url}/acme/link#token=`)).toBe(true);
    expect(link).not.toContain('evil.example');
  });

  test('rule 7: more than the allowed requests per contact in a window → 429 and nothing sent', async () => {
    stack.nextRateWindow();
    const email = demo.sam.email;
    const statuses: number[] = [];
    for (let i = 0; i < signInPolicy.maxLinksPerContact; i++) statuses.push((await stack.client().post('/api/auth/magic-link', { portal: 'acme', email })).status);
    await stack.drainQueues();
    const sentBefore = stack.outbox.messages().length;
    const limited = await stack.client().post('/api/auth/magic-link', { portal: 'acme', email });
    await stack.drainQueues();
    expect(statuses.every((s) => s === 202)).toBe(true);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.detail).toMatch(/try again/i);
    expect(stack.outbox.messages().length).toBe(sentBefore);
    // The same address is limited per business: Bright Clean's portal still answers.
    expect((await stack.client().post('/api/auth/magic-link', { portal: 'brightclean', email })).status).toBe(202);
  });

  test('rule 7: more than the allowed requests from one IP in a window → 429', async () => {
    stack.nextRateWindow();
    const client = stack.client();
    let status = 0;
    for (let i = 0; i <= signInPolicy.maxLinksPerIp && status !== 429; i++) {
      status = (await client.post('/api/auth/magic-link', { portal: 'acme', email: `visitor${i}@example.com` })).status;
    }
    expect(status).toBe(429);
    await stack.drainQueues();
  });
});

describe('using a sign-in link', () => {
  test('the link signs the customer in; the cookie is HttpOnly, Secure, SameSite=Lax (rule 10)', async () => {
    const { client, token } = await linkFor();
    const res = await client.post('/api/auth/verify', { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ customer: { id: demo.jordan.id, name: 'Jordan Rivera', email: demo.jordan.email, phone: demo.jordan.phone }, portal: 'acme', returnTo: null });
    const cookie = res.setCookies.find((c) => c.startsWith(`${sessionCookieName}=`))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(new RegExp(`Max-Age=${signInPolicy.sessionAbsoluteMs / 1000 - 1}|Max-Age=${signInPolicy.sessionAbsoluteMs / 1000}`));
    rememberSecrets(client.cookies.get(sessionCookieName));
    expect((await client.get('/api/me')).status).toBe(200);
  });

  test('rule 2: the same link used twice in parallel → exactly one session; the other gets 401', async () => {
    const { token } = await linkFor();
    const clients = Array.from({ length: 8 }, () => stack.client());
    const results = await Promise.all(clients.map((c) => c.post('/api/auth/verify', { token })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(7);
    clients.forEach((c) => rememberSecrets(c.cookies.get(sessionCookieName)));
  });

  test('a used link → 401 whose detail says to ask for a new link', async () => {
    const { client, token } = await linkFor();
    expect((await client.post('/api/auth/verify', { token })).status).toBe(200);
    const again = await stack.client().post('/api/auth/verify', { token });
    expect(again.status).toBe(401);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(again.body.detail).toMatch(/ask for a new link/i);
    rememberSecrets(client.cookies.get(sessionCookieName));
  });

  test('an unknown token → 401, same detail', async () => {
    const res = await stack.client().post('/api/auth/verify', { token: 'A'.repeat(43) });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/ask for a new link/i);
  });

  test('rule 3: an expired link whose item TTL has not removed it yet → 401', async () => {
    const { token } = await linkFor();
    stack.advanceClock(signInPolicy.linkLifetimeMs + 1000);
    try {
      expect(await itemExists(signInLinkEntity.key(sha256(token)))).toBe(true);
      const res = await stack.client().post('/api/auth/verify', { token });
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/expired/);
    } finally {
      stack.advanceClock(-(signInPolicy.linkLifetimeMs + 1000));
    }
  });

  test('rule 5: a new link retires the earlier unused one', async () => {
    const first = await linkFor();
    const second = await linkFor();
    expect((await stack.client().post('/api/auth/verify', { token: first.token })).status).toBe(401);
    const ok = stack.client();
    expect((await ok.post('/api/auth/verify', { token: second.token })).status).toBe(200);
    rememberSecrets(ok.cookies.get(sessionCookieName));
  });

  test('rule 5 under a race: of many links asked for at once, exactly one works', async () => {
    const client = stack.client();
    const before = stack.outbox.messages().length;
    await Promise.all(Array.from({ length: 4 }, () => client.post('/api/auth/magic-link', { portal: 'brightclean', email: demo.jordanAtBrightClean.email })));
    await stack.drainQueues();
    const tokens = stack.outbox.messages().slice(0, stack.outbox.messages().length - before).map((m) => tokenOf(m.link!));
    rememberSecrets(...tokens);
    const results = await Promise.all(tokens.map((token) => stack.client().post('/api/auth/verify', { token })));
    expect(tokens).toHaveLength(4);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 200)) rememberSecrets(r.setCookies.join(';').match(/=([A-Za-z0-9_-]{43})/)?.[1]);
  });

  test('rule 4: opening the link page (GET, HEAD, no cookies) neither uses the token nor starts a session', async () => {
    const { token } = await linkFor();
    const url = `${stack.url}/acme/link#token=${token}`;
    const get = await fetch(url);
    const head = await fetch(url, { method: 'HEAD' });
    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(get.headers.getSetCookie()).toEqual([]);
    expect(await get.text()).not.toContain(token);
    expect(await itemExists(signInLinkEntity.key(sha256(token)))).toBe(true);
    const person = stack.client();
    expect((await person.post('/api/auth/verify', { token })).status).toBe(200);
    rememberSecrets(person.cookies.get(sessionCookieName));
  });

  test('the link belongs to its business: the Bright Clean session sees Bright Clean, not Acme', async () => {
    const client = await signIn(stack, demo.jordanAtBrightClean.email, 'brightclean');
    rememberSecrets(client.cookies.get(sessionCookieName));
    const me = await client.get('/api/me');
    expect(me.body.business.slug).toBe('brightclean');
    expect(me.body.customer.id).toBe(demo.jordanAtBrightClean.id);
  });
});

describe('sessions', () => {
  test('rule 10: a new session id at each sign-in, and the previous one is revoked', async () => {
    const client = await signIn(stack);
    const firstId = client.cookies.get(sessionCookieName)!;
    stack.nextRateWindow();
    const token = await requestLinkToken(stack, client, 'acme', demo.jordan.email);
    expect((await client.post('/api/auth/verify', { token })).status).toBe(200);
    const secondId = client.cookies.get(sessionCookieName)!;
    rememberSecrets(firstId, secondId, token);
    expect(secondId).not.toBe(firstId);
    const stale = stack.client();
    stale.cookies.set(sessionCookieName, firstId);
    expect((await stale.get('/api/me')).status).toBe(401);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  test('rule 10: sign-out revokes the session server-side: the old cookie → 401', async () => {
    const client = await signIn(stack);
    const id = client.cookies.get(sessionCookieName)!;
    rememberSecrets(id);
    const out = await client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.setCookies.some((c) => c.startsWith(`${sessionCookieName}=;`) && /Max-Age=0/.test(c))).toBe(true);
    expect(await itemExists(sessionEntity.key(sha256(id)))).toBe(false);
    const replay = stack.client();
    replay.cookies.set(sessionCookieName, id);
    expect((await replay.get('/api/me')).status).toBe(401);
  });

  test('rule 10: idle expiry, renewed by use', async () => {
    const client = await signIn(stack);
    rememberSecrets(client.cookies.get(sessionCookieName));
    const step = signInPolicy.sessionIdleMs - 60_000;
    let moved = 0;
    try {
      stack.advanceClock(step);
      moved += step;
      expect((await client.get('/api/me')).status).toBe(200); // renews the idle timer
      stack.advanceClock(step);
      moved += step;
      expect((await client.get('/api/me')).status).toBe(200);
      stack.advanceClock(signInPolicy.sessionIdleMs + 1000);
      moved += signInPolicy.sessionIdleMs + 1000;
      expect((await client.get('/api/me')).status).toBe(401);
    } finally {
      stack.advanceClock(-moved);
    }
  });

  test('rule 10: absolute expiry, however active the session is', async () => {
    const client = await signIn(stack);
    rememberSecrets(client.cookies.get(sessionCookieName));
    let moved = 0;
    try {
      while (moved < signInPolicy.sessionAbsoluteMs) {
        const step = signInPolicy.sessionIdleMs / 2;
        stack.advanceClock(step);
        moved += step;
        const status = (await client.get('/api/me')).status;
        expect(status).toBe(moved < signInPolicy.sessionAbsoluteMs ? 200 : 401);
      }
    } finally {
      stack.advanceClock(-moved);
    }
  });

  test('a malformed or unknown session cookie → 401 problem, and the cookie is cleared', async () => {
    const client = stack.client();
    client.cookies.set(sessionCookieName, 'not-a-session');
    const res = await client.get('/api/jobs');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.setCookies.some((c) => /Max-Age=0/.test(c))).toBe(true);
  });
});

describe('redelivery and failed sign-ins', () => {
  test('rule 37: a redelivered sign-in-link queue message is recognised and sends nothing twice', async () => {
    stack.nextRateWindow();
    const job = { kind: 'sign-in-link' as const, requestId: 'redelivered-1', slug: 'acme', contact: { channel: 'email' as const, address: demo.jordan.email }, requestedAt: new Date().toISOString() };
    const before = stack.outbox.messages().length;
    await stack.queues.notifications.send(job);
    await stack.drainQueues();
    await stack.queues.notifications.send(job); // SQS delivers at least once
    await stack.drainQueues();
    expect(stack.outbox.messages().length - before).toBe(1);
    const token = newestToken(stack);
    rememberSecrets(token);
    const person = stack.client();
    expect((await person.post('/api/auth/verify', { token })).status).toBe(200); // the one link sent still works
    rememberSecrets(person.cookies.get(sessionCookieName));
  });

  test('rule 10: a failed sign-in link while signed in leaves the session alone: cookie kept, session alive', async () => {
    const client = await signIn(stack);
    const cookie = client.cookies.get(sessionCookieName)!;
    rememberSecrets(cookie);
    const failed = await client.post('/api/auth/verify', { token: 'C'.repeat(43) });
    expect(failed.status).toBe(401);
    expect(failed.setCookies).toEqual([]);
    expect(client.cookies.get(sessionCookieName)).toBe(cookie);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  test('rule 12: GET /api/link names the business of a link without using it; unknown 404, used 410', async () => {
    const { token } = await linkFor();
    const peek = await stack.client().getWithLink('/api/link', token);
    expect(peek.status).toBe(200);
    expect(peek.body).toMatchObject({ kind: 'sign-in', portal: { slug: 'acme', name: 'Acme Plumbing & Heating' } });
    expect(await itemExists(signInLinkEntity.key(sha256(token)))).toBe(true);
    const person = stack.client();
    expect((await person.post('/api/auth/verify', { token })).status).toBe(200);
    rememberSecrets(person.cookies.get(sessionCookieName));
    expect((await stack.client().getWithLink('/api/link', token)).status).toBe(410);
    expect((await stack.client().request('GET', '/api/link', { headers: { authorization: 'Link not-a-token' } })).status).toBe(404);
    expect((await stack.client().request('GET', '/api/link')).status).toBe(404);
  });

  test('rule 12: guessing links is rate-limited per client', async () => {
    const guesser = stack.client();
    stack.nextRateWindow();
    const statuses: number[] = [];
    for (let i = 0; i < linkPolicy.lookupsPerWindow + 1; i++) {
      statuses.push((await guesser.getWithLink('/api/link', String(i).padStart(43, 'G'))).status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 410)).toBe(true);
    expect(statuses[statuses.length - 1]).toBe(429);
    // Another client is not affected.
    expect((await stack.client().getWithLink('/api/link', 'H'.repeat(43))).status).toBe(410);
  });
});

describe('origin check (rule 9)', () => {
  const stateChanging = [
    { path: '/api/auth/magic-link', json: { portal: 'acme', email: demo.jordan.email } },
    { path: '/api/auth/verify', json: { token: 'B'.repeat(43) } },
    { path: '/api/auth/logout', json: undefined },
  ];

  test.each(['https://evil.example', ''])('Origin %p → 403 on every state-changing endpoint, nothing written', async (origin) => {
    const signedIn = await signIn(stack);
    rememberSecrets(signedIn.cookies.get(sessionCookieName));
    const sentBefore = stack.outbox.messages().length;
    for (const { path, json } of stateChanging) {
      stack.resetDynamoCalls();
      const res = await signedIn.request('POST', path, { ...(json ? { json } : {}), headers: { origin } });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(stack.dynamoCalls()).toEqual([]);
    }
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(sentBefore);
    expect((await signedIn.get('/api/me')).status).toBe(200); // logout was refused: still signed in
  });
});

test('rule 11: no token or session id in any log line', () => {
  // Runs last in this file: every secret the tests above handled is in `secretsSeen`.
  expect(secretsSeen.size).toBeGreaterThan(10);
  const logs = [...consoleLines, ...stack.logLines.filter((l) => !l.startsWith('\n[outbox]'))].join('\n');
  expect(logs).toContain('"message":"request"');
  for (const secret of secretsSeen) expect(logs).not.toContain(secret);
});
