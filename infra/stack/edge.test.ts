/** The two pieces of CloudFront behaviour that are ours: the SPA rewrite and the headers mapping. */
import { securityHeaders } from '../../shared/http/security-headers';
import { responseHeadersFrom } from './response-headers';
import { spaRewrite, spaRewriteFunctionCode } from './spa-rewrite';

type Request = { uri: string };
const rewrite = new Function(`${spaRewriteFunctionCode}; return handler;`)() as (event: { request: Request }) => Request;

describe('SPA rewrite (CloudFront Function)', () => {
  it.each(['/', '/acme', '/acme/jobs/123', '/acme/sign-in', '/v1.2/route', '/acme/tracking', '/acme/jobs/track', '/acme/track/x', '/track', '//track'])(
    'serves index.html for the app route %s',
    (uri) => {
      expect(rewrite({ request: { uri } }).uri).toBe('/index.html');
    },
  );

  it.each(['/acme/track', '/acme/track/', '/bright-clean/track', '/acme.old/track'])('serves track.html, the tracking page of its own, for %s', (uri) => {
    expect(rewrite({ request: { uri } }).uri).toBe('/track.html');
  });

  it.each(['/index.html', '/track.html', '/assets/app.3f9a.js', '/assets/track-3F9A.css', '/favicon.ico', '/.well-known/security.txt', '/acme/track.html'])(
    'passes the file %s through',
    (uri) => {
      expect(rewrite({ request: { uri } }).uri).toBe(uri);
    },
  );

  it('is plain ES5 for the cloudfront-js-2.0 runtime: no arrow functions, let/const, template or spread', () => {
    expect(spaRewriteFunctionCode).not.toMatch(/=>|\blet\b|\bconst\b|`|\.\.\./);
  });

  it('the local gateway serves with the same code (spaRewrite)', () => {
    for (const uri of ['/', '/acme/jobs/123', '/acme/track', '/acme/track/', '/acme/jobs/track', '/assets/app.3f9a.js', '/track.html']) {
      expect(spaRewrite(uri)).toBe(rewrite({ request: { uri } }).uri);
    }
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
