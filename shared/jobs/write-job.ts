/**
 * Writing a job (`PUT jobs/{jobId}`, and the demo seed). The job item and its summary in the
 * customer's list are two items, and rescheduling moves the summary. One conditional write of
 * the job (on the version read) decides; the job store then brings the summary in line
 * (`syncSummary`), and a crash in between is finished by the next write, retry or sync of the
 * job (the store keeps where the summary was: docs/data-model.md, "Rescheduling").
 */
import { readModifyWrite } from '../kernel/read-modify-write';
import { Conflict, InvalidInput } from '../kernel/errors';
import { type JobFields, type JobRecord, type JobState } from './model';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { JobStore } from './port';
import { canonicalJson } from '../kernel/canonical-json';
import { jobMoneyFrom } from './job-money';
import { noJobMoney } from '../contract/totals';

export async function upsertJob(
  businessId: string,
  jobId: string,
  fields: JobFields,
  deps: { jobs: JobStore; directory: DirectoryStore; clock: Clock },
): Promise<{ job: JobState; created: boolean }> {
  if (!(await deps.directory.getCustomer(businessId, fields.customerId))) {
    throw new InvalidInput([{ field: 'customerId', message: 'is not a customer of this business: PUT the customer first' }]);
  }
  return readModifyWrite<JobState | null, { job: JobState; created: boolean }>(
    () => deps.jobs.getJob(businessId, jobId, { consistent: true }),
    async (existing) => {
      if (existing && sameFields(existing, fields)) {
        await syncSummary(businessId, jobId, deps); // a retry after a crash finishes the move
        return { done: { job: existing, created: false } };
      }
      const now = deps.clock.now().toISOString();
      const job: JobRecord = { ...fields, businessId, id: jobId, version: (existing?.version ?? 0) + 1, createdAt: existing?.createdAt ?? now, updatedAt: now };
      return {
        write: () => deps.jobs.putJob(job, existing),
        after: async () => {
          await syncSummary(businessId, jobId, deps);
          // The money is the server's, summed from the invoices: the business's write keeps it.
          return { job: { ...job, ...(existing ? jobMoneyFrom(existing) : noJobMoney) }, created: !existing };
        },
      };
    },
    () => new Conflict('This job kept changing while we tried to save it. Please retry.'),
  );
}

/** Brings the job's summary in line with the job item; safe to run any number of times. */
export const syncSummary = (businessId: string, jobId: string, deps: { jobs: JobStore; clock: Clock }): Promise<void> =>
  deps.jobs.syncSummary(businessId, jobId, deps.clock.now().toISOString());

function sameFields(stored: JobState, fields: JobFields): boolean {
  // Canonical: DynamoDB does not keep a map's key order, so plain JSON could see a change in none.
  const pick = (j: JobFields) => canonicalJson([j.customerId, j.number, j.title, j.status, j.scheduledStart, j.scheduledEnd, j.arrivalWindow, j.scopeOfWork, j.address, j.contact, j.technician, j.currency, j.charges, j.taxAmount, j.location]);
  return pick(stored) === pick(fields);
}
