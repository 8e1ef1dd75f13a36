/**
 * A technician's visit, from "on my way" to done:
 * - `startTracking`: begins a visit (or finds the live one) and queues the "on my way" link. The
 *   link's send is keyed by the visit's id, so starting the same visit again, a retried request
 *   or a redelivered queue message sends nothing twice and keeps the one link.
 * - `recordPosition` (`tracking-update`): one conditional write; a late or repeated fix is ignored.
 * - `markArrived`: the position is removed and no longer taken.
 * - `completeVisit`: the position is removed, and the write owes the deletion of the visit's
 *   links (shared/followups): the page says the visit is over, and a crash after the write leaves
 *   the deletion to the re-driver.
 * A visit ends at completion or `trackingPolicy.lifetimeMs` after it started, whichever comes first.
 */
import { checkOwnMediaUrl } from '../media/ownership';
import { customerLanguageOf } from '../directory/languages';
import { Conflict, InvalidInput, NotFound } from '../kernel/errors';
import type { Business, ContactChannel } from '../directory/model';
import { isLive, type TechnicianProfile, type TrackedPosition, type TrackingVisitRecord } from './model';
import type { Clock, MessageQueue } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { JobStore } from '../jobs/port';
import type { NotificationJob } from '../notifications/port';
import type { TrackingStore } from './port';
import type { ObjectLinkStore } from '../links/port';
import { readModifyWrite } from '../kernel/read-modify-write';
import { canonicalJson } from '../kernel/canonical-json';
import type { Mint } from '../kernel/ids';
import { checkReachable, queueObjectLink, revokeObjectLinks } from '../links/object-links';
import { defineStep, newOwedSteps, owe, type OwedSteps } from '../followups/owed';
import { runLeftoverSteps, type RunDeps } from '../followups/run';
import { stepOwner } from '../followups/port';

export const trackingPolicy = {
  /** A visit (and its link) ends this long after it started, if nobody completes it first. */
  lifetimeMs: 12 * 3600_000,
  /** A device clock may run this far ahead of ours; a fix from further in the future is refused. */
  futureSkewMs: 2 * 60_000,
} as const;

export interface StartTrackingInput {
  technician: { name: string; photoUrl?: string | null | undefined; vehicle?: string | null | undefined };
  channel: ContactChannel;
}

type StartDeps = { jobs: JobStore; directory: DirectoryStore; tracking: TrackingStore; notifications: MessageQueue<NotificationJob>; clock: Clock };

export async function startTracking(businessId: string, jobId: string, input: StartTrackingInput, mint: Mint, deps: StartDeps): Promise<{ visit: TrackingVisitRecord; started: boolean }> {
  const [job, business] = await Promise.all([deps.jobs.getJob(businessId, jobId), deps.directory.getBusiness(businessId)]);
  if (!job || !business) throw new NotFound(`There is no job ${jobId}.`);
  if (job.status === 'completed' || job.status === 'cancelled') throw new Conflict(`Job ${jobId} is ${job.status}: there is no visit to track.`);
  if (!job.location) throw new Conflict(`Job ${jobId} has no location: PUT the job with "location": { "lat", "lng" } of the service address first.`);
  checkOwnMediaUrl(businessId, input.technician.photoUrl, 'technician.photoUrl');
  const customer = await checkReachable('tracking', businessId, job.customerId, input.channel, deps);
  const technician: TechnicianProfile = { name: input.technician.name, photoUrl: input.technician.photoUrl ?? null, vehicle: input.technician.vehicle ?? null };

  const shown: Shown = { technician, destination: job.location, business: businessSnapshot(business), settings: business.tracking, customerId: job.customerId, language: customerLanguageOf(customer, business) };
  return readModifyWrite<TrackingVisitRecord | null, { visit: TrackingVisitRecord; started: boolean }>(
    () => deps.tracking.getVisit(businessId, jobId, { consistent: true }),
    async (current) => {
      const now = deps.clock.now().toISOString();
      const same = current !== null && isLive(current, new Date(now));
      // The live visit stays the same visit (same id, same link); what the page shows is refreshed.
      const unchanged = same && canonicalJson(shownOf(current)) === canonicalJson(shown);
      const visit: TrackingVisitRecord = unchanged
        ? current
        : { ...(same ? current : newVisit(businessId, jobId, mint.id('vis'), now)), ...shown, version: (current?.version ?? 0) + 1, updatedAt: now };
      // Queued on every start, claimed once per visit by the consumer: a crash after the write below
      // is completed by the retry, and a start of the live visit sends nothing.
      const queued = async () => {
        await queueObjectLink('tracking', { businessId, id: jobId }, input.channel, { requestId: visit.visitId, at: new Date(now) }, deps);
        return { visit, started: !same };
      };
      if (unchanged) return { done: await queued() };
      // On the version read: a position or another start in between makes it read again.
      return { write: () => deps.tracking.putVisit(visit, current?.version ?? null), after: queued };
    },
    () => new Conflict('The visit kept changing while we tried to start it. Please retry.'),
  );
}

/** What a start sets, for the live visit as for a new one. */
type Shown = Pick<TrackingVisitRecord, 'technician' | 'destination' | 'business' | 'settings' | 'customerId' | 'language'>;
const shownOf = ({ technician, destination, business, settings, customerId, language }: TrackingVisitRecord): Shown => ({ technician, destination, business, settings, customerId, language });

/** A visit starting now: en route, no position yet, ending `trackingPolicy.lifetimeMs` from now. */
function newVisit(businessId: string, jobId: string, visitId: string, now: string): Omit<TrackingVisitRecord, keyof Shown | 'version'> {
  return {
    businessId,
    jobId,
    visitId,
    status: 'en_route',
    startedAt: now,
    expiresAt: new Date(Date.parse(now) + trackingPolicy.lifetimeMs).toISOString(),
    arrivedAt: null,
    completedAt: null,
    position: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** What the page shows of the business, copied into the visit so the page reads one item. */
function businessSnapshot(b: Business): TrackingVisitRecord['business'] {
  return { name: b.name, timeZone: b.timeZone, primaryColor: b.primaryColor, logoUrl: b.logoUrl, contactPhone: b.contactPhone, contactEmail: b.contactEmail };
}

export interface PositionInput {
  lat: number;
  lng: number;
  accuracy?: number | undefined;
  heading?: number | undefined;
  speed?: number | undefined;
  at: string;
}

export type PositionOutcome = { applied: true } | { applied: false; ignored: 'older' | 'arrived' };

/**
 * `tracking-update`: one conditional write when the fix is taken (the common case); only a refused
 * write reads the visit, to say why.
 */
export async function recordPosition(businessId: string, jobId: string, input: PositionInput, deps: { tracking: TrackingStore; clock: Clock }): Promise<PositionOutcome> {
  const now = deps.clock.now();
  if (new Date(input.at).getTime() > now.getTime() + trackingPolicy.futureSkewMs) {
    throw new InvalidInput([{ field: 'at', message: `must not be in the future (it is ${now.toISOString()} here)` }]);
  }
  const position: TrackedPosition = { lat: input.lat, lng: input.lng, accuracy: input.accuracy ?? null, heading: input.heading ?? null, speed: input.speed ?? null, at: input.at };
  if (await deps.tracking.recordPosition(businessId, jobId, position, now.toISOString())) return { applied: true };
  const visit = await liveVisit(businessId, jobId, deps, now);
  // Arrived: the position is hidden from then on, so later fixes are not kept either.
  return { applied: false, ignored: visit.status === 'arrived' ? 'arrived' : 'older' };
}

/** The technician is there: the position is removed and no longer taken. Repeating it changes nothing. */
export async function markArrived(businessId: string, jobId: string, deps: { tracking: TrackingStore; clock: Clock }): Promise<TrackingVisitRecord> {
  return changeVisit(businessId, jobId, deps, (visit, now) =>
    visit.status === 'arrived' ? null : { ...visit, status: 'arrived', arrivedAt: now, position: null },
  );
}

/**
 * The visit is over: the position is removed first, then every link of the visit is deleted, so
 * the page answers 410 "the visit is over". Repeating it (or a retry after a crash between the two)
 * deletes whatever links are left.
 */
/** What a visit's completion uses: the visit, and its links, which the completion owes the deletion of. */
export type CompleteVisitDeps = RunDeps & { tracking: TrackingStore; links: ObjectLinkStore };

/** Owed by a visit's completion: its links deleted (each deletion is safe to repeat). */
export const visitLinksStep = defineStep<{ businessId: string; jobId: string }, CompleteVisitDeps>('visit-links', async (a, deps) => {
  await revokeObjectLinks('tracking', a.businessId, a.jobId, deps);
});

export async function completeVisit(businessId: string, jobId: string, deps: CompleteVisitDeps): Promise<TrackingVisitRecord> {
  const owner = stepOwner('visit', { businessId, id: jobId });
  const owed = newOwedSteps([owe(visitLinksStep, jobId, { businessId, jobId })], deps.clock.now());
  const visit = await changeVisit(
    businessId,
    jobId,
    deps,
    (v, now) => (v.status === 'completed' ? null : { ...v, status: 'completed', completedAt: now, position: null }),
    { allowEnded: true, owed },
  );
  // Completed now, or before: whatever the completion still owes runs here too (a retried request).
  await runLeftoverSteps(owner, [visitLinksStep], deps);
  return visit;
}

async function liveVisit(businessId: string, jobId: string, deps: { tracking: TrackingStore }, now: Date, options: { allowEnded?: boolean } = {}): Promise<TrackingVisitRecord> {
  const visit = await deps.tracking.getVisit(businessId, jobId, { consistent: true });
  if (!visit) throw new NotFound(`Tracking has not started for job ${jobId}.`);
  if (!options.allowEnded && !isLive(visit, now)) throw new Conflict(`This visit to job ${jobId} is over: start tracking again for a new visit.`);
  return visit;
}

/** Read, change, write on the version read; again if a position update came in between. */
async function changeVisit(
  businessId: string,
  jobId: string,
  deps: { tracking: TrackingStore; clock: Clock },
  change: (visit: TrackingVisitRecord, now: string) => TrackingVisitRecord | null,
  options: { allowEnded?: boolean; owed?: OwedSteps } = {},
): Promise<TrackingVisitRecord> {
  return readModifyWrite<{ visit: TrackingVisitRecord; now: Date }, TrackingVisitRecord>(
    async () => {
      const now = deps.clock.now();
      return { visit: await liveVisit(businessId, jobId, deps, now, options), now };
    },
    ({ visit, now }) => {
      const next = change(visit, now.toISOString());
      if (!next) return { done: visit }; // already so
      const written = { ...next, version: visit.version + 1, updatedAt: now.toISOString() };
      return { write: () => deps.tracking.putVisit(written, visit.version, options.owed), after: () => written };
    },
    () => new Conflict('The visit kept changing while we tried to update it. Please retry.'),
  );
}

