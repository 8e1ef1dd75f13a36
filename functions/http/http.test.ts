/** Unit tests of the HTTP edge: problem mapping, cookies, client IP, origin check. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Forbidden, InvalidInput, NotFound, RateLimited, Unauthenticated } from '../../shared/kernel/errors';
import { clientIp, rateLimitSubject } from './client-ip';
import { clearedSessionCookie, readSessionCookie, sessionCookie, sessionCookieName } from './cookies';
import { originCheck } from './origin-check';
import { toProblem } from './problem';

test('each domain error maps to one status; anything else is a 500 that reveals nothing', () => {
  expect(toProblem(new InvalidInput([{ field: 'email', message: 'bad' }])).problem).toMatchObject({ status: 400, errors: [{ field: 'email', message: 'bad' }] });
  expect(toProblem(new Unauthenticated()).problem.status).toBe(401);
  expect(toProblem(new Forbidden()).problem.status).toBe(403);
  expect(toProblem(new NotFound()).problem.status).toBe(404);
  expect(toProblem(new RateLimited(90, 'wait')).headers).toEqual({ 'retry-after': '90' });
  // A named quota (a business API budget) is named in the RateLimit headers, with nothing remaining.
  expect(toProblem(new RateLimited(12, 'wait', { name: 'positions', quota: 2000, windowSeconds: 60 })).headers).toEqual({
    'retry-after': '12',
    'ratelimit-policy': '"positions";q=2000;w=60',
    ratelimit: '"positions";r=0;t=12',
  });
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

const secrets = ['current-origin-secret-value', 'previous-origin-secret-value'];
const viaCloudFront = (address: string, secret = secrets[0]!) => event({ 'cloudfront-viewer-address': address, 'x-origin-verify': secret });

test('client IP: the viewer address from CloudFront (IPv4 and IPv6 with port), with the current or previous origin secret', () => {
  expect(clientIp(viaCloudFront('203.0.113.7:51234'), 'CloudFront-Viewer-Address', secrets)).toBe('203.0.113.7');
  expect(clientIp(viaCloudFront('2001:db8::1:443'), 'cloudfront-viewer-address', secrets)).toBe('2001:db8::1');
  // Mid-rotation CloudFront may still send the previous value.
  expect(clientIp(viaCloudFront('203.0.113.7:1', secrets[1]), 'cloudfront-viewer-address', secrets)).toBe('203.0.113.7');
  expect(clientIp(viaCloudFront('203.0.113.7:1'), null, secrets)).toBe('10.0.0.1');
});

test('client IP: a caller of the execute-api URL cannot choose its IP (no or wrong origin secret → its own source IP)', () => {
  expect(clientIp(event({ 'cloudfront-viewer-address': '198.51.100.9:1' }), 'cloudfront-viewer-address', secrets)).toBe('10.0.0.1');
  expect(clientIp(viaCloudFront('198.51.100.9:1', 'guessed-secret-value-of-length'), 'cloudfront-viewer-address', secrets)).toBe('10.0.0.1');
  expect(clientIp(viaCloudFront('198.51.100.9:1', ''), 'cloudfront-viewer-address', secrets)).toBe('10.0.0.1');
  // No secret configured (it could not be read): nothing is believed.
  expect(clientIp(viaCloudFront('198.51.100.9:1'), 'cloudfront-viewer-address', [])).toBe('10.0.0.1');
});

test('rate-limit subject: IPv4 as is; IPv6 by its /64, however it is written', () => {
  expect(rateLimitSubject('203.0.113.7')).toBe('203.0.113.7');
  expect(rateLimitSubject('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
  expect(rateLimitSubject('2001:db8:aa:bb::9')).toBe('2001:db8:aa:bb::/64');
  expect(rateLimitSubject('2001:0db8:00aa:00bb:ffff::1')).toBe('2001:db8:aa:bb::/64');
  expect(rateLimitSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
  expect(rateLimitSubject('2001:DB8:0:0:1::')).toBe(rateLimitSubject('2001:db8::1:0:0:0'));
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
