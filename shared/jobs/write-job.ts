/**
 * Writing a job (`PUT jobs/{jobId}`, and the demo seed). The job item and its summary in the
 * customer's list are two items, and rescheduling moves the summary (its sort key is the
 * appointment's end). Without transactions:
 * 1. One conditional UpdateItem on the job (its version) writes the new fields, points
 *    `summaryKey` at the new place and appends the old key to `retiredSummaryKeys`.
 * 2. `syncSummary` deletes every retired key first, then puts the summary at `summaryKey`
 *    (unless a newer version already wrote it), then forgets the retired keys. Deleting before
 *    putting means the work history never shows a job twice; the retired list means a crash at
 *    any point is finished by the next write, retry or sync of the job.
 * 3. It re-reads the job: if a concurrent write moved the summary meanwhile, it deletes what it
 *    just put (that write's own sync deletes it too, whichever runs last).
 */
import { readModifyWrite } from '../kernel/read-modify-write';
import { Conflict, InvalidInput } from '../kernel/errors';
import type { JobFields, JobRecord } from './model';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { JobStore } from './port';
import type { Key } from '../data/entity';
import type { JobState } from './model';
import { jobSummaryEntity } from './entity';
import { toJobRecord } from './model';
import { summaryRecordOf } from './summary';
import { canonicalJson } from '../kernel/canonical-json';

export async function upsertJob(
  businessId: string,
  jobId: string,
  fields: JobFields,
  deps: { jobs: JobStore; directory: DirectoryStore; clock: Clock },
): Promise<{ job: JobRecord; created: boolean }> {
  if (!(await deps.directory.getCustomer(businessId, fields.customerId))) {
    throw new InvalidInput([{ field: 'customerId', message: 'is not a customer of this business: PUT the customer first' }]);
  }
  return readModifyWrite<JobState | null, { job: JobRecord; created: boolean }>(
    () => deps.jobs.getJob(businessId, jobId, { consistent: true }),
    async (existing) => {
      if (existing && sameFields(existing, fields)) {
        await syncSummary(businessId, jobId, deps); // a retry after a crash finishes the move
        return { done: { job: toJobRecord(existing), created: false } };
      }
      const now = deps.clock.now().toISOString();
      const job: JobRecord = { ...fields, businessId, id: jobId, version: (existing?.version ?? 0) + 1, createdAt: existing?.createdAt ?? now, updatedAt: now };
      const summaryKey = jobSummaryEntity.key(businessId, job.customerId, job.scheduledEnd, jobId);
      const retire = existing && !sameKey(existing.summaryKey, summaryKey) ? [existing.summaryKey] : [];
      return {
        write: () => deps.jobs.putJob(job, summaryKey, retire, existing?.version ?? null),
        after: async () => {
          await syncSummary(businessId, jobId, deps);
          return { job, created: !existing };
        },
      };
    },
    () => new Conflict('This job kept changing while we tried to save it. Please retry.'),
  );
}

/** Brings the job's summary in line with the job item; safe to run any number of times. */
export async function syncSummary(businessId: string, jobId: string, deps: { jobs: JobStore; clock: Clock }): Promise<void> {
  const job = await deps.jobs.getJob(businessId, jobId, { consistent: true });
  if (!job) return;
  const retired = job.retiredSummaryKeys.filter((k) => !sameKey(k, job.summaryKey));
  for (const key of retired) await deps.jobs.deleteSummary(key);
  await deps.jobs.putSummary(job.summaryKey, summaryRecordOf(toJobRecord(job), job.paidAmount, deps.clock.now().toISOString()));
  await deps.jobs.dropRetired(businessId, jobId, job.retiredSummaryKeys, job);
  const after = await deps.jobs.getJob(businessId, jobId, { consistent: true });
  if (after && !sameKey(after.summaryKey, job.summaryKey)) await deps.jobs.deleteSummary(job.summaryKey);
}

const sameKey = (a: Key, b: Key) => a.pk === b.pk && a.sk === b.sk;

function sameFields(stored: JobState, fields: JobFields): boolean {
  // Canonical: DynamoDB does not keep a map's key order, so plain JSON could see a change in none.
  const pick = (j: JobFields) => canonicalJson([j.customerId, j.number, j.title, j.status, j.scheduledStart, j.scheduledEnd, j.arrivalWindow, j.scopeOfWork, j.address, j.contact, j.technician, j.currency, j.charges, j.taxAmount, j.location]);
  return pick(stored) === pick(fields);
}
