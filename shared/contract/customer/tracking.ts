/** The customer API: a technician on the way, as the tracking page polls it (`GET /api/tracking`). */
import type { CustomerLanguage } from './portal';

import { JobPath } from './jobs';

export interface LatLng {
  /** Degrees, -90..90. */
  lat: number;
  /** Degrees, -180..180. */
  lng: number;
}

/**
 * `GET /api/tracking` with a tracking link (`Authorization: Link <token>`): who is coming, where
 * they are and when they should arrive. The position, distance and ETA are there only while the
 * technician is en route; the customer's address never is, only the destination's coordinates.
 * Answered with an `ETag`: `If-None-Match` with it gets 304 until something changes. A visit that
 * is over (completed, expired, revoked) is 410.
 */
export interface TrackingView {
  business: {
    name: string;
    /** IANA zone: the ETA is shown in it. */
    timeZone: string;
    branding: { primaryColor: string; logoUrl: string | null };
    contact: { phone: string | null; email: string | null };
    /** How the page shows distances. */
    distanceUnit: 'mi' | 'km';
  };
  technician: { name: string; photoUrl: string | null; vehicle: string | null };
  status: 'en_route' | 'arrived';
  /** The latest position the technician sent (only while en route, once one has been sent). */
  position?: { lat: number; lng: number; at: string };
  destination: LatLng;
  /** Straight-line distance from the position to the destination, in meters (with `position`). */
  distanceMeters?: number;
  /** When the technician should arrive, as a range (with `position`). */
  eta?: { earliest: string; latest: string };
  /** When anything shown last changed. */
  updatedAt: string;
  /** Where map tiles come from on this stage, or null: the page then draws a plain background. */
  map: { tileUrl: string; attribution: string; maxZoom: number } | null;
  /** What the server knows of the customer's language (resolve it with the browser's own). */
  language: CustomerLanguage;
}

/** What each route of this capability validates, by route name (shared/routes/): the link is the only input. */
export const customerTrackingSchemas = {
  getTracking: {},
  getJobTracking: { path: JobPath },
} as const;
