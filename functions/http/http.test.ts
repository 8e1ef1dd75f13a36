/** Unit tests of the HTTP edge: problem mapping, cookies, client IP, origin check. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Forbidden, InvalidInput, NotFound, RateLimited, Unauthenticated } from '../../shared/domain/errors';
import { clientIp } from './client-ip';
import { clearedSessionCookie, readSessionCookie, sessionCookie, sessionCookieName } from './cookies';
import { originCheck } from './origin-check';
import { toProblem } from './problem';

test('each domain error maps to one status; anything else is a 500 that reveals nothing', () => {
  expect(toProblem(new InvalidInput([{ field: 'email', message: 'bad' }])).problem).toMatchObject({ status: 400, errors: [{ field: 'email', message: 'bad' }] });
  expect(toProblem(new Unauthenticated()).problem.status).toBe(401);
  expect(toProblem(new Forbidden()).problem.status).toBe(403);
  expect(toProblem(new NotFound()).problem.status).toBe(404);
  expect(toProblem(new RateLimited(90, 'wait')).headers).toEqual({ 'retry-after': '90' });
  const internal = toProblem(new Error('password=hunter2 at db.internal:5432'));
  expect(internal.problem.status).toBe(500);
  expect(JSON.stringify(internal.problem)).not.toContain('hunter2');
});

test('the session cookie: HttpOnly, Secure, SameSite=Lax, host-only, expiring with the session', () => {
  const now = new Date('2026-11-21T10:00:00Z');
  const cookie = sessionCookie('abc', new Date('2026-11-21T22:00:00Z'), now);
  expect(cookie).toBe(`${sessionCookieName}=abc; Path=/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax`);
  expect(sessionCookieName.startsWith('__Host-')).toBe(true);
  expect(clearedSessionCookie).toMatch(/Max-Age=0/);
  expect(readSessionCookie({ cookies: ['a=1', `${sessionCookieName}=xyz`, 'b=2'] })).toBe('xyz');
  expect(readSessionCookie({ cookies: [`${sessionCookieName}x=xyz`] })).toBeNull();
  expect(readSessionCookie({})).toBeNull();
});

const event = (headers: Record<string, string>, method = 'POST', sourceIp = '10.0.0.1') =>
  ({ headers, requestContext: { http: { method, sourceIp } } }) as unknown as APIGatewayProxyEventV2;

test('client IP: the trusted proxy header when configured (IPv4 and IPv6 with port), else the source IP', () => {
  expect(clientIp(event({ 'cloudfront-viewer-address': '203.0.113.7:51234' }), 'CloudFront-Viewer-Address')).toBe('203.0.113.7');
  expect(clientIp(event({ 'cloudfront-viewer-address': '2001:db8::1:443' }), 'cloudfront-viewer-address')).toBe('2001:db8::1');
  expect(clientIp(event({ 'cloudfront-viewer-address': '203.0.113.7:1' }), null)).toBe('10.0.0.1');
});

test('origin check: state-changing requests need the portal origin; reads do not', async () => {
  const check = originCheck(() => 'https://portal.example.com/').before!;
  const run = (e: APIGatewayProxyEventV2) => Promise.resolve().then(() => check({ event: e } as never));
  await expect(run(event({ origin: 'https://portal.example.com' }))).resolves.toBeUndefined();
  await expect(run(event({ origin: 'https://evil.example' }))).rejects.toBeInstanceOf(Forbidden);
  await expect(run(event({}))).rejects.toBeInstanceOf(Forbidden);
  await expect(run(event({ origin: 'null' }))).rejects.toBeInstanceOf(Forbidden);
  await expect(run(event({}, 'GET'))).resolves.toBeUndefined();
});
