/**
 * When the technician should arrive. Behind an interface, so a routing service (Amazon Location's
 * route calculator) can replace the straight-line estimate without touching the page or the API;
 * it cannot run offline and its providers' terms limit tracking uses (../shared/design/tracking.md),
 * so the default needs no network.
 */
import type { LatLng } from '../kernel/types';
import type { TrackingSettings } from '../directory/model';

export interface EtaEstimate {
  /** How far the technician is from the destination, in meters. */
  distanceMeters: number;
  /** The arrival range: shown as "arriving 2:10–2:20 PM". */
  earliest: Date;
  latest: Date;
}

export interface EtaEstimator {
  /** From a position taken at `at` to the destination, with the business's settings. */
  estimate(from: LatLng, to: LatLng, at: Date, settings: TrackingSettings): Promise<EtaEstimate>;
}

const earthRadiusMeters = 6_371_008.8;
const radians = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), in meters. */
export function greatCircleMeters(a: LatLng, b: LatLng): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const etaRange = {
  /** Traffic and lights make a drive vary; the range spans this much faster and slower than the estimate. */
  fasterBy: 0.85,
  slowerBy: 1.25,
  /** Shown to the customer in steps of this, never narrower than `minimumWidthMs`. */
  stepMs: 5 * 60_000,
  minimumWidthMs: 10 * 60_000,
} as const;

/**
 * Straight-line distance × the business's road factor ÷ its average urban speed, as a range
 * rounded out to 5 minutes: a range is honest about a guess; a single minute would not be.
 */
export const straightLineEta: EtaEstimator = {
  async estimate(from, to, at, settings) {
    const distanceMeters = greatCircleMeters(from, to);
    const driveMs = ((distanceMeters * settings.roadFactor) / ((settings.averageSpeedKmh * 1000) / 3600)) * 1000;
    const { stepMs } = etaRange;
    const earliest = Math.floor((at.getTime() + driveMs * etaRange.fasterBy) / stepMs) * stepMs;
    const latest = Math.max(Math.ceil((at.getTime() + driveMs * etaRange.slowerBy) / stepMs) * stepMs, earliest + etaRange.minimumWidthMs);
    return { distanceMeters: Math.round(distanceMeters), earliest: new Date(earliest), latest: new Date(latest) };
  },
};
