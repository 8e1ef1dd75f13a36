/** The business API: a technician's visit, from "on my way" to completed, and its positions. */
import * as v from 'valibot';
import { singleLineText as text } from '../text';
import { Instant, InviteBody, LatLngBody } from './common';
import { JobPath } from './jobs';
import { MediaUrl } from './media';

const bounded = (min: number, max: number, unit: string) => v.pipe(v.number('must be a number'), v.minValue(min, `must be at least ${min} ${unit}`), v.maxValue(max, `must be at most ${max} ${unit}`));

/** `POST jobs/{jobId}/tracking`: the technician on the way, and how to send the customer the link. */
export const StartTrackingBody = v.strictObject({
  technician: v.strictObject({
    name: text(200, 'name'),
    /** The `url` POST media/{id}/complete answered for the photo; shown round on the page, initials when missing. */
    photoUrl: v.optional(v.nullable(MediaUrl), null),
    /** "White Ford Transit, plate ABC 123". */
    vehicle: v.optional(v.nullable(text(200, 'vehicle')), null),
  }),
  channel: InviteBody.entries.channel,
});
export type StartTrackingBody = v.InferOutput<typeof StartTrackingBody>;

/** `PUT jobs/{jobId}/tracking/position`: a fix from the technician's phone or the dispatch system. */
export const TrackingPositionBody = v.strictObject({
  ...LatLngBody.entries,
  /** Meters. */
  accuracy: v.optional(bounded(0, 100_000, 'meters')),
  /** Degrees clockwise from north. */
  heading: v.optional(v.pipe(v.number('must be a number'), v.minValue(0, 'must be from 0 to 360 degrees'), v.maxValue(360, 'must be from 0 to 360 degrees'))),
  /** Meters per second. */
  speed: v.optional(bounded(0, 100, 'meters per second')),
  /** When the device took the fix (a little ahead of our clock is tolerated). */
  at: Instant,
});
export type TrackingPositionBody = v.InferOutput<typeof TrackingPositionBody>;

/** A technician's visit, as the business API shows it (the position is the page's, not listed here). */
export interface TrackingVisitView {
  jobId: string;
  visitId: string;
  /** `expired`: 12 hours passed before anyone completed it. */
  status: 'en_route' | 'arrived' | 'completed' | 'expired';
  technician: { name: string; photoUrl: string | null; vehicle: string | null };
  startedAt: string;
  expiresAt: string;
  arrivedAt: string | null;
  completedAt: string | null;
  /** Whether a position is stored now (only while en route). */
  hasPosition: boolean;
  version: number;
  updatedAt: string;
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessTrackingSchemas = {
  startTracking: { path: JobPath, body: StartTrackingBody },
  trackingUpdate: { path: JobPath, body: TrackingPositionBody },
  markTrackingArrived: { path: JobPath },
  completeTracking: { path: JobPath },
} as const;
