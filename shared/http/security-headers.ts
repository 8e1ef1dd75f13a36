/**
 * Security headers for every page and API answer. One definition, used by the CloudFront
 * response-headers policy on AWS and by the local gateway, so the two cannot disagree.
 *
 * The CSP allows only the portal's own origin: no inline script, no third-party style or
 * connection but the files bucket's (customers' uploads), and a third-party script only where a stage turns on Stripe's financing messaging
 * (Stripe.js's one origin, for the portal's pages; API answers never). Preact sets per-business colours through the CSSOM
 * (`element.style.setProperty`), which CSP does not restrict, so no 'unsafe-inline' is needed.
 */
export interface ThirdPartyOrigins {
  /** The tracking map's tiles, when the stage has a tile source: images only. */
  mapTileOrigin: string | null;
  /**
   * Stripe.js, when the stage shows financing messaging (Stripe's Payment Method Messaging): its
   * script and the frames it draws, from that one origin only (rule 75). Nothing else of Stripe's:
   * the element talks to Stripe from inside its own frame.
   */
  paymentMessagingOrigin?: string | null;
  /**
   * Where customers' photos, videos and PDFs are posted straight from the page (the files bucket's
   * own origin on AWS, rule 84): connections only, to that one bucket. Locally uploads go to the
   * portal's own origin, so there is none.
   */
  uploadOrigin?: string | null;
}

export function contentSecurityPolicyFor(options: ThirdPartyOrigins): string {
  const stripe = options.paymentMessagingOrigin ? ` ${options.paymentMessagingOrigin}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${stripe}`,
    "style-src 'self'",
    // The tracking page's map tiles are the one image source beyond our own, when a stage has one.
    `img-src 'self' data:${options.mapTileOrigin ? ` ${options.mapTileOrigin}` : ''}`,
    "font-src 'self'",
    `connect-src 'self'${options.uploadOrigin ? ` ${options.uploadOrigin}` : ''}`,
    ...(stripe ? [`frame-src${stripe}`] : []),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** With no map tile source: the local stack, tests and API answers. */
export const contentSecurityPolicy = contentSecurityPolicyFor({ mapTileOrigin: null });

/** Sign-in links carry their token in the URL fragment; no-referrer keeps any URL from leaking. */
export const referrerPolicy = 'no-referrer';

export const securityHeadersFor = (options: ThirdPartyOrigins): Readonly<Record<string, string>> => ({
  ...securityHeaders,
  'content-security-policy': contentSecurityPolicyFor(options),
});

export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy,
  'referrer-policy': referrerPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'permissions-policy': 'camera=(), microphone=(), payment=(self), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * What the portal's origin sends with a published image (`/media/…`, security.md rule 74), on top
 * of the stored `Content-Type` (always the checked image type): never sniffed into anything else,
 * shown inline, never a document (a sandboxed CSP with nothing allowed, should one ever be opened
 * on its own), loaded by the portal's own pages only, and kept for a year: its name is its hash,
 * so a new image is a new URL.
 */
export const mediaHeaders: Readonly<Record<string, string>> = {
  ...securityHeaders,
  'content-security-policy': "default-src 'none'; sandbox",
  'x-content-type-options': 'nosniff',
  'content-disposition': 'inline',
  'cache-control': 'public, max-age=31536000, immutable',
  'cross-origin-resource-policy': 'same-origin',
};
