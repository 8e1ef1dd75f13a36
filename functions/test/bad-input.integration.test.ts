/**
 * Bad input on every endpoint (security.md 24): a clear 4xx problem+json naming the field,
 * and nothing written. Also: every page and answer carries the security headers.
 */
import { routes, defaultBodyLimitBytes as maxBodyBytes } from '../../shared/routes';
import { contentSecurityPolicy, contentSecurityPolicyFor } from '../../shared/http/security-headers';
import { apiDocumentCacheControl } from '../http/boundary';
import { signedInClient, startTestStack, type PortalClient, type TestStack } from '../../infra/local/test-support';

let stack: TestStack;
let signedIn: PortalClient;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  signedIn = await signedInClient(stack);
});
afterAll(() => stack.stop());

const writes = (calls: string[]) => calls.filter((c) => /Put|Update|Delete|Write/.test(c));

interface BadCase {
  name: string;
  method: 'POST' | 'GET';
  path: string;
  body?: string;
  contentType?: string;
  status: number;
  field?: string;
}

const bodyCases: BadCase[] = [
  { name: 'malformed JSON', method: 'POST', path: '/api/auth/magic-link', body: '{"portal": "acme",', status: 400, field: 'body' },
  { name: 'empty body', method: 'POST', path: '/api/auth/magic-link', body: '', status: 400, field: 'body' },
  { name: 'not an object', method: 'POST', path: '/api/auth/magic-link', body: '[1,2]', status: 400 },
  { name: 'wrong type', method: 'POST', path: '/api/auth/magic-link', body: '{"portal":"acme","email":42}', status: 400, field: 'email' },
  { name: 'unknown field', method: 'POST', path: '/api/auth/magic-link', body: '{"portal":"acme","email":"a@b.co","customerId":"x"}', status: 400, field: 'customerId' },
  { name: 'missing portal', method: 'POST', path: '/api/auth/magic-link', body: '{"email":"a@b.co"}', status: 400, field: 'portal' },
  { name: 'bad slug', method: 'POST', path: '/api/auth/magic-link', body: '{"portal":"../acme","email":"a@b.co"}', status: 400, field: 'portal' },
  { name: 'bad phone', method: 'POST', path: '/api/auth/magic-link', body: '{"portal":"acme","phone":"555-0123"}', status: 400, field: 'phone' },
  { name: 'unicode trickery in email', method: 'POST', path: '/api/auth/magic-link', body: JSON.stringify({ portal: 'acme', email: 'jordan\u202e@example.com' }), status: 400, field: 'email' },
  { name: 'huge number', method: 'POST', path: '/api/auth/magic-link', body: '{"portal":"acme","phone":1e309}', status: 400, field: 'phone' },
  { name: 'oversized body', method: 'POST', path: '/api/auth/magic-link', body: JSON.stringify({ portal: 'acme', email: `${'a'.repeat(maxBodyBytes)}@example.com` }), status: 413 },
  { name: 'not JSON content type', method: 'POST', path: '/api/auth/magic-link', body: 'portal=acme', contentType: 'application/x-www-form-urlencoded', status: 415 },
  { name: 'token of the wrong shape', method: 'POST', path: '/api/auth/verify', body: '{"token":"short"}', status: 400, field: 'token' },
  { name: 'token wrong type', method: 'POST', path: '/api/auth/verify', body: '{"token":["a"]}', status: 400, field: 'token' },
  { name: 'verify unknown field', method: 'POST', path: '/api/auth/verify', body: JSON.stringify({ token: 'A'.repeat(43), portal: 'acme' }), status: 400, field: 'portal' },
  { name: 'verify malformed JSON', method: 'POST', path: '/api/auth/verify', body: '{', status: 400, field: 'body' },
];

const queryCases: BadCase[] = [
  { name: 'bad when', method: 'GET', path: '/api/jobs?when=tomorrow', status: 400, field: 'query.when' },
  { name: 'limit zero', method: 'GET', path: '/api/jobs?limit=0', status: 400, field: 'query.limit' },
  { name: 'limit huge', method: 'GET', path: '/api/jobs?limit=99999999999999999999', status: 400, field: 'query.limit' },
  { name: 'negative limit', method: 'GET', path: '/api/jobs?limit=-5', status: 400, field: 'query.limit' },
  { name: 'cursor garbage', method: 'GET', path: '/api/jobs?cursor=%00%01', status: 400, field: 'query.cursor' },
  { name: 'unknown query field', method: 'GET', path: '/api/jobs?businessId=brightclean', status: 400, field: 'query.businessId' },
  { name: 'job id with a hash', method: 'GET', path: '/api/jobs/job%23PROFILE', status: 400, field: 'path.jobId' },
  { name: 'job id too long', method: 'GET', path: `/api/jobs/${'x'.repeat(65)}`, status: 400, field: 'path.jobId' },
  { name: 'portal slug with unicode', method: 'GET', path: '/api/portals/%C3%A1cme', status: 400, field: 'path.slug' },
];

test.each([...bodyCases, ...queryCases])('$name → $status problem+json, nothing written', async (c) => {
  stack.resetDynamoCalls();
  const sentBefore = stack.outbox.messages().length;
  const res = await signedIn.request(c.method, c.path, {
    ...(c.body !== undefined ? { body: c.body } : {}),
    headers: c.method === 'POST' ? { 'content-type': c.contentType ?? 'application/json' } : {},
  });
  expect(res.status).toBe(c.status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status: c.status, title: expect.any(String), detail: expect.any(String) });
  if (c.field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(c.field);
  await stack.drainQueues();
  expect(writes(stack.dynamoCalls())).toEqual([]);
  expect(stack.outbox.messages().length).toBe(sentBefore);
});

test('a JSON array body is refused as not an object; a missing field says "is required"', async () => {
  const array = await signedIn.request('POST', '/api/auth/magic-link', { body: '[1,2]', headers: { 'content-type': 'application/json' } });
  expect(array.status).toBe(400);
  expect(array.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object, not an array' }]);
  const missing = await signedIn.request('POST', '/api/auth/magic-link', { body: '{"portal":"acme"}', headers: { 'content-type': 'application/json' } });
  expect(missing.body.errors).toEqual([{ field: 'email', message: 'is required' }]);
});

test.each(['/api/jobs/%', '/a/%E0%A4%A.js', '/api/business/v1/jobs/%ZZ'])('malformed percent-encoding in %s → 400 problem+json from the gateway', async (path) => {
  const res = await fetch(stack.url + path);
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
});

test('unknown API paths and methods → 404/405 problem+json', async () => {
  const notFound = await signedIn.get('/api/nothing-here');
  expect(notFound.status).toBe(404);
  expect(notFound.headers.get('content-type')).toBe('application/problem+json');
  const wrongMethod = await signedIn.request('DELETE', '/api/jobs');
  expect(wrongMethod.status).toBe(405);
});

describe('security headers on every page and answer', () => {
  const pages = ['/', '/acme/', '/acme/check', '/acme/link', '/acme/jobs', '/acme/jobs/job_wh1041', '/acme/track'];
  test.each(pages)('page %s: CSP allowing only the own origin (and Stripe.js\'s, here the sandbox\'s stand-in), Referrer-Policy no-referrer', async (path) => {
    const res = await fetch(stack.url + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicyFor({ mapTileOrigin: null, paymentMessagingOrigin: stack.stripe!.origin }));
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    // No inline script or third-party script on any page.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc="\/assets\/)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  test.each(routes.filter((r) => r.method === 'GET').map((r) => r.path.replace('{slug}', 'acme').replace('{jobId}', 'job_wh1041')))(
    'API %s carries the same headers and no-store (the OpenAPI documents, the same for everyone: cacheable)',
    async (path) => {
      const res = await signedIn.get(path);
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe(path.endsWith('/openapi.json') ? apiDocumentCacheControl : 'no-store');
    },
  );
});
