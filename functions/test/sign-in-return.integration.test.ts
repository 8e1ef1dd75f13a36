/**
 * Coming back to the page a customer was sent to sign in from (rule 67), and the signed-out probe
 * that is not an error (rule 68): the real handlers behind the local gateway, against dynalite.
 */
import { demo } from '../../infra/local/seed';
import { newestToken, startTestStack, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { sessionCookieName } from '../http/cookies';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
});
afterAll(() => stack.stop());

/** Asks for Jordan's link at Acme with `returnTo`, and returns the answer and the token sent (if any). */
async function askWith(client: PortalClient, returnTo: unknown, portal = 'acme'): Promise<{ status: number; body: any; token: string | null }> {
  stack.nextRateWindow();
  await stack.drainQueues();
  const before = stack.outbox.messages().length;
  const res = await client.post('/api/auth/magic-link', { portal, email: demo.jordan.email, returnTo });
  await stack.drainQueues();
  return { status: res.status, body: res.body, token: stack.outbox.messages().length > before ? newestToken(stack) : null };
}

describe('rule 67: a sign-in returns to the page it was asked from, and only to a page of that portal', () => {
  test('asked from /acme/jobs/job_bl1102, the link signs in and names that page; the link itself carries no path', async () => {
    const client = stack.client();
    const asked = await askWith(client, '/acme/jobs/job_bl1102');
    expect(asked.status).toBe(202);
    expect(stack.outbox.messages()[0]!.link).toMatch(/\/acme\/link#token=[A-Za-z0-9_-]{43}$/);
    const verified = await client.post('/api/auth/verify', { token: asked.token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ portal: 'acme', returnTo: '/acme/jobs/job_bl1102' });
  });

  test('without returnTo, the answer names no page (the job list)', async () => {
    const client = stack.client();
    stack.nextRateWindow();
    await stack.drainQueues();
    await client.post('/api/auth/magic-link', { portal: 'acme', email: demo.jordan.email });
    await stack.drainQueues();
    const verified = await client.post('/api/auth/verify', { token: newestToken(stack) });
    expect(verified.body).toMatchObject({ portal: 'acme', returnTo: null });
  });

  test.each([
    ['another site', 'https://evil.example/acme/jobs'],
    ['a protocol-relative address', '//evil.example/acme/jobs'],
    ['a backslash', '/acme\\jobs'],
    ['a backslash to another host', '/\\evil.example'],
    ['another business\'s portal', '/brightclean/jobs/job_1'],
    ['a path climbing out', '/acme/jobs/../../brightclean/jobs'],
    ['an encoded slash', '/acme/jobs/%2F%2Fevil.example'],
    ['a query', '/acme/jobs?when=past'],
    ['a fragment', '/acme/jobs#token=x'],
    ['a page that is not a signed-in page', '/acme/link'],
    ['a scheme', 'javascript:alert(1)'],
    ['not a string', 42],
  ])('%s → 400 naming returnTo, and no link is sent', async (_label, returnTo) => {
    const asked = await askWith(stack.client(), returnTo);
    expect(asked.status).toBe(400);
    expect(asked.body.errors).toEqual([expect.objectContaining({ field: 'returnTo' })]);
    expect(asked.token).toBeNull();
  });

  test('asked at one portal for another portal\'s page is refused even when the customer exists at both', async () => {
    const asked = await askWith(stack.client(), '/acme/jobs/job_1', 'brightclean');
    expect(asked.status).toBe(400);
    expect(asked.token).toBeNull();
  });
});

describe('rule 68: GET /api/session answers "not signed in" with a 200 that says nothing else', () => {
  test('no cookie, a malformed cookie, a forged one and an ended session get the same 200 body; a dead cookie is cleared', async () => {
    const answers = [];
    for (const cookie of [null, 'nonsense', 'A'.repeat(43)]) {
      const client = stack.client();
      if (cookie) client.cookies.set(sessionCookieName, cookie);
      const res = await client.get('/api/session');
      answers.push({ status: res.status, body: res.body });
      if (cookie) expect(res.setCookies.join('\n')).toMatch(/Max-Age=0/);
      else expect(res.setCookies).toEqual([]);
    }
    // Signed in, then signed out: the old cookie is an ended session.
    const client = stack.client();
    stack.nextRateWindow();
    await stack.drainQueues();
    await client.post('/api/auth/magic-link', { portal: 'acme', email: demo.jordan.email });
    await stack.drainQueues();
    await client.post('/api/auth/verify', { token: newestToken(stack) });
    const kept = client.cookies.get(sessionCookieName)!;
    expect(await client.post('/api/auth/logout', {})).toMatchObject({ status: 204 });
    const ended = stack.client();
    ended.cookies.set(sessionCookieName, kept);
    const res = await ended.get('/api/session');
    answers.push({ status: res.status, body: res.body });
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: { signedIn: false } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  test('signed in, it answers the customer and their portal, as GET /api/me does (without the profile page\'s account settings); /api/me keeps its 401 without a session', async () => {
    const client = stack.client();
    stack.nextRateWindow();
    await stack.drainQueues();
    await client.post('/api/auth/magic-link', { portal: 'acme', email: demo.jordan.email });
    await stack.drainQueues();
    await client.post('/api/auth/verify', { token: newestToken(stack) });
    const [session, me] = [await client.get('/api/session'), await client.get('/api/me')];
    expect(session.status).toBe(200);
    const { account: _account, ...meWithoutAccount } = me.body as Record<string, unknown>;
    expect(session.body).toEqual({ signedIn: true, ...meWithoutAccount });
    expect((await stack.client().get('/api/me')).status).toBe(401);
  });
});
