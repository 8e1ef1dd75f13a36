import type { CustomerLanguage } from '../contract/customer/portal';
import type { LatLng, Versioned } from '../kernel/types';
import type { TrackingSettings } from '../directory/model';

// ---------- technician tracking ----------

export type TrackingStatus = 'en_route' | 'arrived' | 'completed';

/** A technician's latest reported position: only ever the latest, no trail is kept. */
export interface TrackedPosition extends LatLng {
  /** Meters, as the device reports it. */
  accuracy: number | null;
  /** Degrees clockwise from north. */
  heading: number | null;
  /** Meters per second. */
  speed: number | null;
  /** When the device took it. */
  at: string;
}

export interface TechnicianProfile {
  name: string;
  photoUrl: string | null;
  vehicle: string | null;
}

/**
 * One technician's visit to a job, from "on my way" to completion: one item per job, holding
 * everything the tracking page shows, so the page costs one read and a position update one write.
 * The business's name, contact and ETA settings are copied in when tracking starts (and again
 * when it is started again), so the page never reads the business.
 */
export interface TrackingVisitRecord extends Versioned {
  businessId: string;
  jobId: string;
  /** New for each visit: the link and its message belong to it. */
  visitId: string;
  customerId: string;
  technician: TechnicianProfile;
  status: TrackingStatus;
  startedAt: string;
  /** 12 hours after the start: the link and the position end then at the latest. */
  expiresAt: string;
  arrivedAt: string | null;
  completedAt: string | null;
  destination: LatLng;
  /** Only while en route; removed on arrival and completion. */
  position: TrackedPosition | null;
  business: {
    name: string;
    timeZone: string;
    primaryColor: string;
    logoUrl: string | null;
    contactPhone: string | null;
    contactEmail: string | null;
  };
  settings: TrackingSettings;
  /** What was known of the customer's language when tracking started: the page's one read has it. */
  language: CustomerLanguage;
}

/** Started, not completed, not past its time limit. */
export function isLive(visit: TrackingVisitRecord, now: Date): boolean {
  return visit.status !== 'completed' && new Date(visit.expiresAt).getTime() > now.getTime();
}
