/**
 * The tracking link `/{slug}/track#token=…`. As on the pay and estimate link pages, the token
 * leaves the address bar on load (so it is in no history entry, shared URL or Referer) and is kept
 * in this tab's sessionStorage, so a reload keeps showing the visit. It travels only as
 * `Authorization: Link <token>`.
 */

const KEY = 'portal.trackingLink';

/**
 * The contract's `Slug` and `SignInToken` patterns, written out rather than imported: valibot and
 * the contract would be a sixth of this page's first load for two regular expressions. link.test.ts
 * checks they accept exactly what the contract's schemas accept.
 */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The token from `#token=…`, or null when it is missing or not a well-formed token. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token !== null && TOKEN.test(token) ? token : null;
}

/** The portal slug of `/{slug}/track` (a trailing slash allowed); anything else → null. */
export function slugFromPath(pathname: string): string | null {
  const m = /^\/([^/]+)\/track\/?$/.exec(pathname);
  return m && SLUG.test(m[1]!) ? m[1]! : null;
}

/** The token from the fragment (kept for this tab, and taken out of the address bar), else the one this tab kept for this portal. */
export function takeTrackingToken(slug: string): string | null {
  if (!location.hash) return readKept(slug);
  const token = tokenFromHash(location.hash);
  history.replaceState(history.state, '', location.pathname + location.search);
  if (token) keep(slug, token);
  return token;
}

/** The token takeTrackingToken will take, left where it is: for the entry's first request, before the page renders. */
export function peekTrackingToken(slug: string): string | null {
  return location.hash ? tokenFromHash(location.hash) : readKept(slug);
}

/** A link that opens nothing any more is worth nothing: this tab stops keeping it. */
/**
 * What the page asks with: the link's token, or (opened from Home by a signed-in customer,
 * `/{slug}/track?job=<id>`) the job, asked about with the session cookie.
 */
export type TrackingSource = { link: string } | { job: string };

/** The job named in `?job=`, when it is a well-formed job id. */
export function jobFromSearch(search: string): string | null {
  const job = new URLSearchParams(search).get('job');
  return job && /^[A-Za-z0-9_-]{1,64}$/.test(job) ? job : null;
}

export function forgetTrackingToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode, disabled): nothing was kept.
  }
}

function keep(slug: string, token: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ slug, token }));
  } catch {
    // Storage refused: the page still works, only a reload loses the link.
  }
}

function readKept(slug: string): string | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { slug?: unknown; token?: unknown } | null;
    return kept && kept.slug === slug && typeof kept.token === 'string' && TOKEN.test(kept.token) ? kept.token : null;
  } catch {
    return null;
  }
}
