/**
 * Security headers for every page and API answer. One definition, used by the CloudFront
 * response-headers policy on AWS and by the local gateway, so the two cannot disagree.
 *
 * The CSP allows only the portal's own origin: no inline script, no third-party script,
 * style or connection. Preact sets per-business colours through the CSSOM
 * (`element.style.setProperty`), which CSP does not restrict, so no 'unsafe-inline' is needed.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sign-in links carry their token in the URL fragment; no-referrer keeps any URL from leaking. */
export const referrerPolicy = 'no-referrer';

export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy,
  'referrer-policy': referrerPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'permissions-policy': 'camera=(), microphone=(), payment=(self), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};
