/**
 * Portal slugs: the business's permanent, URL-safe id (`acme`), and the ones no business may take.
 *
 * Reserved: path segments the portal's own machinery answers at the top of the site (rule 58):
 * a portal at `/api/` or `/assets/` would never be reached, because CloudFront and the local
 * gateway send those paths elsewhere first. shared/directory/reserved-slugs.test.ts reads the real
 * routing (the route table, the local gateway, the CloudFront behaviors, the frontend build and
 * the tracking page's rewrite) and fails when a top-level segment appears there without being
 * listed here.
 */
import * as v from 'valibot';

/** A portal slug (e.g. `acme`): lowercase letters, digits and dashes, as it appears in the address. */
export const Slug = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be a portal slug (lowercase letters, digits, dashes)'),
);

export const routedTopLevelSegments = [
  /** The HTTP API: CloudFront's `/api/*` behavior, API Gateway routes, the local gateway. */
  'api',
  /** Hashed static files (frontend/build.ts): CloudFront serves them from S3 as they are. */
  'assets',
  /** The local stack's outbox, webhook log, Stripe sandbox and signed file URLs. */
  'dev',
  /** The tracking page's name (`/{slug}/track` → track.html): reserved so `/track/…` never reads as both. */
  'track',
  /** The site's own pages in S3 (`index.html`, `track.html`). */
  'index',
  /** Published branding images (logos, technician photos): CloudFront's `/media/*` behavior, the local gateway. */
  'media',
] as const;

/**
 * Not routed today, kept free so a later top-level path (a health check, an admin console, a
 * status page, a well-known URI under another spelling) needs no business to move.
 */
const heldForLater = ['admin', 'app', 'auth', 'health', 'login', 'portal', 'static', 'status', 'www', 'well-known'] as const;

export const reservedSlugs: ReadonlySet<string> = new Set<string>([...routedTopLevelSegments, ...heldForLater]);

export const isReservedSlug = (slug: string): boolean => reservedSlugs.has(slug);

/** A slug a business may take: never one of the site's own top-level paths (rule 58). */
export const ClaimableSlug = v.pipe(Slug, v.check((s) => !isReservedSlug(s), 'is reserved for the portal itself: choose another slug'));
