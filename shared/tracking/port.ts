import type { TrackedPosition, TrackingVisitRecord } from './model';

import type { OwedSteps } from '../followups/owed';

/** Technician visits (shared/tracking): one item per job, the latest position only. */
export interface TrackingStore {
  getVisit(businessId: string, jobId: string, options?: { consistent?: boolean }): Promise<TrackingVisitRecord | null>;
  /** Writes the whole visit if the stored version is `expectedVersion` (null: there is none); false if it changed meanwhile. */
  putVisit(visit: TrackingVisitRecord, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  /**
   * Stores the position if the visit is live and en route and the position is newer than the
   * stored one, in one conditional write; false otherwise (nothing written).
   */
  recordPosition(businessId: string, jobId: string, position: TrackedPosition, now: string): Promise<boolean>;
}
