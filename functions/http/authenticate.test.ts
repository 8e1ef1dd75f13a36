/** The auth middleware: the row's resolver proves the caller, with the client's rate-limit subject and the raw body at hand. */
import { PayloadTooLarge, Unauthenticated } from '../../shared/kernel/errors';
import type { AuthResolver } from './auth';
import { authenticate } from './authenticate';
import { testEvent, testRequest } from './middleware-support';
import { routeState } from './route-state';

const deps = { clock: { now: () => new Date() }, storeOf: () => { throw new Error('no table here'); }, payments: () => { throw new Error('no payments here'); } };

test('the caller the resolver proves is in the route state, with the IP read beside it', async () => {
  const seen: { subject: string | null; body: string }[] = [];
  const resolver: AuthResolver<'link'> = {
    kind: 'link',
    prepare: () => async ({ clientSubject, rawBody }) => {
      seen.push({ subject: await clientSubject, body: rawBody().toString('utf8') });
      return { kind: 'invoice', id: 'inv_1', businessId: 'biz_1', customerId: 'cus_1' } as never;
    },
  };
  const request = testRequest(testEvent({ body: '{"a":1}' }));
  routeState(request.event).clientIpRead = Promise.resolve('2001:db8:aa:bb::9');
  await authenticate(resolver, deps, 1024).before!(request);
  expect(routeState(request.event).caller).toMatchObject({ businessId: 'biz_1' });
  expect(routeState(request.event).clientIp).toBe('2001:db8:aa:bb::9');
  // The rate-limit subject of an IPv6 address is its /64.
  expect(seen).toEqual([{ subject: '2001:db8:aa:bb::/64', body: '{"a":1}' }]);
});

test('a refusal ends the request there; the resolver is prepared once, on the first request', async () => {
  const prepare = jest.fn(() => async () => {
    throw new Unauthenticated();
  });
  const middleware = authenticate({ kind: 'session', prepare } as AuthResolver<'session'>, deps, 1024);
  for (let i = 0; i < 2; i++) {
    const request = testRequest(testEvent());
    await expect(middleware.before!(request)).rejects.toBeInstanceOf(Unauthenticated);
    expect(routeState(request.event).caller).toBeNull();
  }
  expect(prepare).toHaveBeenCalledTimes(1);
});

test('the raw body the resolver reads is held to the row\'s limit (413)', async () => {
  const resolver: AuthResolver<'public'> = { kind: 'public', prepare: () => async ({ rawBody }) => (rawBody(), null) };
  await expect(authenticate(resolver, deps, 4).before!(testRequest(testEvent({ body: '12345' })))).rejects.toBeInstanceOf(PayloadTooLarge);
});

test("the resolver's headers for the proven caller are kept for the answer; a refused caller gets none", async () => {
  const resolver: AuthResolver<'apiKey'> = {
    kind: 'apiKey',
    prepare: () => async ({ event }) => {
      if (!event.headers?.authorization) throw new Unauthenticated();
      return { businessId: 'biz_1', keyId: 'key_1', scopes: ['read'], standing: { policy: { name: 'requests', quota: 600, windowSeconds: 60 }, remaining: 599, resetSeconds: 42 } };
    },
    answerHeaders: (caller) => ({ ratelimit: `"${caller.standing.policy.name}";r=${caller.standing.remaining};t=${caller.standing.resetSeconds}` }),
  };
  const middleware = authenticate(resolver, deps, 1024);
  const proven = testRequest(testEvent({ headers: { authorization: 'Bearer k' } }));
  await middleware.before!(proven);
  expect(routeState(proven.event).answerHeaders).toEqual({ ratelimit: '"requests";r=599;t=42' });
  const refused = testRequest(testEvent());
  await expect(middleware.before!(refused)).rejects.toBeInstanceOf(Unauthenticated);
  expect(routeState(refused.event).answerHeaders).toEqual({});
});
