/**
 * What the tracking page reads (`GET /api/tracking`): the visit behind a tracking link, shown as
 * `TrackingView`. One read of the visit item; the `ETag` is a hash of the answer, so a poll that
 * finds nothing changed is a 304 with no body.
 */
import { shownImageUrl } from '../contract/business/media';
import { createHash } from 'node:crypto';
import type { TrackingView } from '../contract/customer/tracking';
import type { LinkCaller } from '../auth/capability-links';
import { Gone, NotFound } from '../kernel/errors';
import type { TrackingVisitRecord } from './model';
import type { Clock } from '../kernel/types';
import type { TrackingStore } from './port';
import { canonicalJson } from '../kernel/canonical-json';
import type { EtaEstimator } from './eta';
import type { MapTiles } from './map-tiles';
import { isLive } from './model';

const over = () => new Gone('This visit is over. Contact the business if you still expect them.').saying('problems.visit.over');

/** The live visit a tracking link opens; 410 once it is over, or when the link belongs to an earlier visit. */
export async function visitForLink(caller: LinkCaller, deps: { tracking: TrackingStore; clock: Clock }): Promise<TrackingVisitRecord> {
  if (caller.kind !== 'tracking') throw new NotFound('This link does not open a visit.').saying('problems.link.not-a-visit');
  const visit = await deps.tracking.getVisit(caller.businessId, caller.id);
  // A link minted before this visit began was sent for an earlier one (which ended): it opens nothing now.
  if (!visit || visit.customerId !== caller.customerId || caller.issuedAt < visit.startedAt || !isLive(visit, deps.clock.now())) throw over();
  return visit;
}

/**
 * The live visit to one of the signed-in customer's jobs (the tracking page opened from Home):
 * another customer's job, or a job with no visit, is a 404 like a job that does not exist; a visit
 * that is over is a 410, as for its link.
 */
export async function visitForCustomer(session: { businessId: string; customerId: string }, jobId: string, deps: { tracking: TrackingStore; clock: Clock }): Promise<TrackingVisitRecord> {
  const visit = await deps.tracking.getVisit(session.businessId, jobId);
  if (!visit || visit.customerId !== session.customerId) throw new NotFound('No technician visit of yours for that job.').saying('problems.visit.not-found');
  if (!isLive(visit, deps.clock.now())) throw over();
  return visit;
}

/** US and UK zones show miles; the rest of the world kilometres (a business can choose in its settings). */
export function distanceUnitOf(visit: Pick<TrackingVisitRecord, 'settings' | 'business'>): 'mi' | 'km' {
  if (visit.settings.distanceUnit) return visit.settings.distanceUnit;
  const zone = visit.business.timeZone;
  return /^(America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Adak|Boise|Detroit|Juneau|Menominee|Metlakatla|Nome|Sitka|Yakutat|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+)|Pacific\/Honolulu|Europe\/London|US\/.+)$/.test(zone) ? 'mi' : 'km';
}

export async function trackingView(visit: TrackingVisitRecord, deps: { eta: EtaEstimator; mapTiles: MapTiles | null }): Promise<TrackingView> {
  const b = visit.business;
  const view: TrackingView = {
    business: {
      name: b.name,
      timeZone: b.timeZone,
      branding: { primaryColor: b.primaryColor, logoUrl: shownImageUrl(b.logoUrl) },
      contact: { phone: b.contactPhone, email: b.contactEmail },
      distanceUnit: distanceUnitOf(visit),
    },
    // Images from the portal's own /media/ only: an older external URL would be blocked by the CSP.
    technician: { ...visit.technician, photoUrl: shownImageUrl(visit.technician.photoUrl) },
    // A completed visit never gets here (410).
    status: visit.status === 'arrived' ? 'arrived' : 'en_route',
    destination: visit.destination,
    updatedAt: visit.updatedAt,
    map: deps.mapTiles && { tileUrl: deps.mapTiles.urlTemplate, attribution: deps.mapTiles.attribution, maxZoom: deps.mapTiles.maxZoom },
    language: visit.language,
  };
  // Only while en route; the stored position is removed on arrival anyway.
  if (visit.status === 'en_route' && visit.position) {
    const { lat, lng, at } = visit.position;
    const eta = await deps.eta.estimate({ lat, lng }, visit.destination, new Date(at), visit.settings);
    view.position = { lat, lng, at };
    view.distanceMeters = eta.distanceMeters;
    view.eta = { earliest: eta.earliest.toISOString(), latest: eta.latest.toISOString() };
  }
  return view;
}

/** A strong validator of exactly this answer. */
export function etagOf(view: TrackingView): string {
  return `"${createHash('sha256').update(canonicalJson(view)).digest('base64url').slice(0, 27)}"`;
}

/** `If-None-Match` lists the current ETag (or is `*`): the page already has this answer. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
