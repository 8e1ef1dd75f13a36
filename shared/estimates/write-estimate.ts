/**
 * Writing an estimate (`PUT estimates/{estimateId}` and the demo seed). The business owns what
 * it wrote; the status, the decision and the booking are the server's and survive every write.
 * A change to what the customer reads makes a new document version (`revision`): an approval
 * of the old one is then refused as stale. A decided estimate is no longer the business's to
 * change: the customer signed exactly what it said.
 */
import { readModifyWrite } from '../kernel/read-modify-write';
import { Conflict, InvalidInput } from '../kernel/errors';
import type { EstimateFields, EstimateRecord } from './model';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { EstimateStore } from './port';
import type { JobDocumentPointers, JobStore } from '../jobs/port';
import { linkToJob } from '../invoices/write-invoice';
import { paymentsEnabled } from '../directory/payments-enabled';
import { documentHashOf } from './document';

export async function upsertEstimate(
  businessId: string,
  estimateId: string,
  fields: EstimateFields,
  deps: { estimates: EstimateStore; jobDocuments: JobDocumentPointers; directory: DirectoryStore; jobs: JobStore; clock: Clock },
): Promise<{ estimate: EstimateRecord; created: boolean }> {
  await checkReferences(businessId, fields, deps);
  return readModifyWrite<EstimateRecord | null, { estimate: EstimateRecord; created: boolean }>(
    () => deps.estimates.getEstimate(businessId, estimateId, { consistent: true }),
    async (existing) => {
      if (existing && existing.status !== 'sent') {
        throw new Conflict(`This estimate was ${existing.status} by the customer: it can no longer change. Write a new estimate instead.`);
      }
      const now = deps.clock.now().toISOString();
      const draft: EstimateRecord = {
        ...fields,
        businessId,
        id: estimateId,
        revision: existing?.revision ?? 1,
        sentAt: existing?.sentAt ?? now,
        status: 'sent',
        decision: null,
        booking: null,
        version: (existing?.version ?? 0) + 1,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      // The same document again (a retry, an unchanged sync) is no new version.
      if (existing && documentHashOf(existing) === documentHashOf(draft) && sameLinks(existing, fields)) {
        await linkToJob('estimate', existing, null, deps); // a retry after a crash finishes the pointer
        return { done: { estimate: existing, created: false } };
      }
      const estimate = existing && documentHashOf(existing) !== documentHashOf(draft) ? { ...draft, revision: existing.revision + 1 } : draft;
      return {
        write: () => deps.estimates.putEstimate(estimate, existing?.version ?? null),
        after: async () => {
          await linkToJob('estimate', estimate, existing?.jobId ?? null, deps);
          return { estimate, created: !existing };
        },
      };
    },
    () => new Conflict('This estimate kept changing while we tried to save it. Please retry.'),
  );
}

/** Fields outside the document (who it is for, which job, where): a change is saved without a new version. */
const sameLinks = (stored: EstimateRecord, fields: EstimateFields) =>
  stored.customerId === fields.customerId && stored.jobId === fields.jobId && JSON.stringify(stored.address) === JSON.stringify(fields.address);

async function checkReferences(businessId: string, fields: EstimateFields, deps: { directory: DirectoryStore; jobs: JobStore }): Promise<void> {
  const [customer, business, job] = await Promise.all([
    deps.directory.getCustomer(businessId, fields.customerId),
    deps.directory.getBusiness(businessId),
    fields.jobId ? deps.jobs.getJob(businessId, fields.jobId) : Promise.resolve(null),
  ]);
  if (!customer) throw new InvalidInput([{ field: 'customerId', message: 'is not a customer of this business: PUT the customer first' }]);
  if (fields.jobId) {
    if (!job) throw new InvalidInput([{ field: 'jobId', message: 'is not a job of this business: PUT the job first' }]);
    if (job.customerId !== fields.customerId) throw new InvalidInput([{ field: 'jobId', message: 'belongs to another customer than customerId' }]);
  }
  if (fields.scheduling && !fields.jobId && !fields.address) {
    throw new InvalidInput([{ field: 'address', message: 'is needed to book a visit: give the service address, or a jobId whose job has it' }]);
  }
  if (fields.deposit && business && !paymentsEnabled(business)) {
    throw new Conflict('A deposit is paid in the portal, and this business does not take payments there yet: connect Stripe first, or ask for no deposit.');
  }
}
