/**
 * The tracking page's two calls. `GET /api/tracking` with the link (`Authorization: Link …`) and
 * the last `ETag` as `If-None-Match`: a poll that finds nothing changed is a 304 with no body.
 * `GET /api/portals/{slug}`: whom to contact once the link no longer opens the visit. Plain
 * fetch, not the app's api.ts: this page carries none of the app.
 */
import type { PortalInfo } from '../../../shared/contract/customer/portal';
import type { TrackingView } from '../../../shared/contract/customer/tracking';
import { requestLanguage, t } from '../i18n/current';
import type { TrackingSource } from './link';

export type TrackingResult =
  /** What the page shows, and the validator to send next time. */
  | { kind: 'view'; view: TrackingView; etag: string | null }
  /** 304: the answer held is still current. */
  | { kind: 'unchanged' }
  /** 410: the visit is completed, the link expired or was withdrawn. */
  | { kind: 'over' }
  /** 404 (or 401): the link opens no visit. */
  | { kind: 'invalid' }
  /** 429: asked too often from here; `retryAfterMs` when the API says how long to wait. */
  | { kind: 'limited'; retryAfterMs: number | null }
  /** No answer, or one the page cannot use (a 5xx, a gateway's HTML): try again later. */
  | { kind: 'failed'; detail: string };

/** Reads the response to `GET /api/tracking`; separate from the fetch so it is unit tested. */
export async function trackingResult(response: Pick<Response, 'status' | 'headers' | 'json'>): Promise<TrackingResult> {
  const { status } = response;
  if (status === 304) return { kind: 'unchanged' };
  if (status === 410) return { kind: 'over' };
  if (status === 404 || status === 401) return { kind: 'invalid' };
  if (status === 429) return { kind: 'limited', retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
  if (status === 200) {
    try {
      const view = (await response.json()) as TrackingView;
      if (view && typeof view === 'object' && view.technician && view.destination) return { kind: 'view', view, etag: response.headers.get('etag') };
    } catch {
      // Falls through: an unreadable 200 is a failure like any other.
    }
  }
  return { kind: 'failed', detail: t('tracking.error.server', { status }) };
}

/** `Retry-After` in seconds (the API's form), as milliseconds; a date or nonsense → null. */
export function retryAfterMs(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header) * 1000;
}

/** The first read, started by the entry alongside the page's catalog (track.tsx); the poller's first fetch takes it. */
let early: { source: TrackingSource; answer: Promise<TrackingResult> } | null = null;

export function prefetchTracking(source: TrackingSource): void {
  const answer = fetchTracking(source, null);
  early = { source, answer };
}

const sameSource = (a: TrackingSource, b: TrackingSource) => ('link' in a ? 'link' in b && a.link === b.link : 'job' in b && a.job === b.job);

export async function fetchTracking(source: TrackingSource, etag: string | null, signal?: AbortSignal): Promise<TrackingResult> {
  if (early && sameSource(early.source, source) && etag === null && !signal) {
    const { answer } = early;
    early = null;
    return answer;
  }
  let response: Response;
  try {
    // A link's token travels in a header, never in the path; a signed-in customer's session in its cookie.
    response = await fetch('link' in source ? '/api/tracking' : `/api/jobs/${encodeURIComponent(source.job)}/tracking`, {
      credentials: 'same-origin',
      // The page keeps the last answer itself; the browser's cache must not answer for the API.
      cache: 'no-store',
      headers: { ...('link' in source ? { authorization: `Link ${source.link}` } : {}), accept: 'application/json', 'accept-language': requestLanguage(), ...(etag ? { 'if-none-match': etag } : {}) },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'failed', detail: t('tracking.error.network') };
  }
  return trackingResult(response);
}

/** The business behind the portal address (name, colour, contact), or null when it cannot be read. */
export async function fetchPortal(slug: string): Promise<PortalInfo | null> {
  try {
    const response = await fetch(`/api/portals/${encodeURIComponent(slug)}`, { credentials: 'same-origin', headers: { accept: 'application/json', 'accept-language': requestLanguage() } });
    if (!response.ok) return null;
    const portal = (await response.json()) as PortalInfo;
    return portal && typeof portal.name === 'string' && portal.contact && portal.branding ? portal : null;
  } catch {
    return null;
  }
}
