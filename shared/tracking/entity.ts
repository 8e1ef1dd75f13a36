/**
 * A technician's visit to a job: one item in the job's partition (`TRACKING`), replaced when a new
 * visit starts. It holds everything the tracking page shows, so the page reads one item and a
 * position update writes one. The latest position only: no trail. The item expires with the visit
 * (DynamoDB's TTL removes it; reads check `expiresAt` themselves, as TTL runs late).
 */
import { DEFAULT_LANGUAGE, LANGUAGES } from '../contract/i18n/languages';
import * as v from 'valibot';
import type { TrackingVisitRecord } from './model';
import { tableDefinition } from '../data/table';
import { epochSeconds, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { jobEntity, LatLngItem } from '../jobs/entity';

const nullableNumber = v.nullable(v.number());

const VisitItem = v.object({
  businessId: v.string(),
  jobId: v.string(),
  visitId: v.string(),
  customerId: v.string(),
  technician: v.object({ name: v.string(), photoUrl: nullableString, vehicle: nullableString }),
  status: v.picklist(['en_route', 'arrived', 'completed']),
  startedAt: v.string(),
  expiresAt: v.string(),
  arrivedAt: nullableString,
  completedAt: nullableString,
  destination: LatLngItem,
  position: v.nullable(v.object({ ...LatLngItem.entries, accuracy: nullableNumber, heading: nullableNumber, speed: nullableNumber, at: v.string() })),
  business: v.object({ name: v.string(), timeZone: v.string(), primaryColor: v.string(), logoUrl: nullableString, contactPhone: nullableString, contactEmail: nullableString }),
  settings: v.object({ roadFactor: v.number(), averageSpeedKmh: v.number(), distanceUnit: v.nullable(v.picklist(['mi', 'km'])) }),
  /** Visits started before languages existed: the default. */
  language: v.optional(v.object({ chosen: v.optional(v.picklist(LANGUAGES)), forCustomer: v.optional(v.picklist(LANGUAGES)), business: v.picklist(LANGUAGES) }), { business: DEFAULT_LANGUAGE }),
  ...versionedEntries,
});

export const trackingVisitEntity = {
  type: 'trackingVisit',
  key: (businessId: string, jobId: string): Key => ({ pk: jobEntity.partition(businessId, jobId), sk: 'TRACKING' }),
  /** Every attribute but the key, for a versioned write of the whole visit. */
  attributes: (visit: TrackingVisitRecord): Item => ({
    type: trackingVisitEntity.type,
    ...visit,
    [tableDefinition.ttlAttribute]: epochSeconds(visit.expiresAt),
  }),
  fromItem: (item: Item): TrackingVisitRecord => parseItem(trackingVisitEntity.type, VisitItem, item),
};
