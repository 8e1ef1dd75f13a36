/** The two pieces of CloudFront behaviour that are ours: the SPA rewrite and the headers mapping. */
import { securityHeaders } from '../../shared/http/security-headers';
import { responseHeadersFrom } from './response-headers';
import { spaRewriteFunctionCode } from './spa-rewrite';

type Request = { uri: string };
const rewrite = new Function(`${spaRewriteFunctionCode}; return handler;`)() as (event: { request: Request }) => Request;

describe('SPA rewrite (CloudFront Function)', () => {
  it.each(['/', '/acme', '/acme/jobs/123', '/acme/sign-in', '/v1.2/route'])('serves index.html for the app route %s', (uri) => {
    expect(rewrite({ request: { uri } }).uri).toBe('/index.html');
  });

  it.each(['/index.html', '/assets/app.3f9a.js', '/favicon.ico', '/.well-known/security.txt'])('passes the file %s through', (uri) => {
    expect(rewrite({ request: { uri } }).uri).toBe(uri);
  });
});

describe('response headers policy mapping', () => {
  it('carries every shared header, either as a CloudFront security header or a custom one', () => {
    const { securityHeadersBehavior: security, customHeadersBehavior: custom } = responseHeadersFrom(securityHeaders);
    expect(security.contentSecurityPolicy?.contentSecurityPolicy).toBe(securityHeaders['content-security-policy']);
    expect(security.referrerPolicy?.referrerPolicy).toBe('no-referrer');
    expect(security.frameOptions?.frameOption).toBe('DENY');
    expect(security.contentTypeOptions).toEqual({ override: true });
    expect(security.strictTransportSecurity).toMatchObject({ includeSubdomains: true, preload: false });
    expect(security.strictTransportSecurity?.accessControlMaxAge.toSeconds()).toBe(63072000);

    const mappedToSecurity = ['content-security-policy', 'referrer-policy', 'x-frame-options', 'x-content-type-options', 'strict-transport-security'];
    expect(custom.customHeaders.map((h) => h.header).sort()).toEqual(Object.keys(securityHeaders).filter((h) => !mappedToSecurity.includes(h)).sort());
  });

  it('fails loudly on a value CloudFront cannot express', () => {
    expect(() => responseHeadersFrom({ 'x-frame-options': 'ALLOW-FROM https://a.test' })).toThrow(/x-frame-options/);
    expect(() => responseHeadersFrom({ 'referrer-policy': 'sometimes' })).toThrow(/referrer-policy/);
    expect(() => responseHeadersFrom({ 'strict-transport-security': 'includeSubDomains' })).toThrow(/max-age/);
  });
});
