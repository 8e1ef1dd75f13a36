/** A visit as the business API shows it. */
import type { TrackingVisitView } from '../api/business-contract';
import type { TrackingVisitRecord } from './model';
import { isLive } from './model';

export function trackingVisitView(visit: TrackingVisitRecord, now: Date): TrackingVisitView {
  return {
    jobId: visit.jobId,
    visitId: visit.visitId,
    status: visit.status !== 'completed' && !isLive(visit, now) ? 'expired' : visit.status,
    technician: visit.technician,
    startedAt: visit.startedAt,
    expiresAt: visit.expiresAt,
    arrivedAt: visit.arrivedAt,
    completedAt: visit.completedAt,
    hasPosition: visit.position !== null,
    version: visit.version,
    updatedAt: visit.updatedAt,
  };
}
