import type { JobDetail } from '../api/contract';
import { NotFound } from '../domain/errors';
import type { Session } from '../domain/model';
import type { Clock, FileLinks, JobStore } from '../domain/ports';
import { summaryOf } from './summary';
import { jobTotals } from './totals';

/** Download links last five minutes: long enough to tap, short enough not to matter if forwarded. */
export const attachmentUrlLifetimeMs = 5 * 60_000;

export async function getJob(
  session: Session,
  jobId: string,
  deps: { jobs: JobStore; files: () => FileLinks; clock: Clock },
): Promise<JobDetail> {
  const bundle = await deps.jobs.getJobBundle(session.businessId, jobId);
  // Another customer's job is answered exactly like a job that does not exist.
  if (!bundle || bundle.job.customerId !== session.customerId) throw new NotFound('We could not find that job.');
  const { job, charges, payments, notes, attachments, messages } = bundle;

  const urlExpiresAt = new Date(deps.clock.now().getTime() + attachmentUrlLifetimeMs);
  const files = attachments.length > 0 ? deps.files() : null;
  const signed = await Promise.all(
    attachments.map(async (a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      url: await files!.signedDownloadUrl(a.fileKey, a.fileName, urlExpiresAt),
      urlExpiresAt: urlExpiresAt.toISOString(),
    })),
  );

  const totals = jobTotals(job, charges, payments);
  const byTime = <T extends { at: string }>(items: T[]) => [...items].sort((a, b) => a.at.localeCompare(b.at));
  return {
    ...summaryOf(job, totals),
    scopeOfWork: job.scopeOfWork,
    address: job.address,
    contact: job.contact,
    technician: job.technician,
    charges,
    payments: [...payments].sort((a, b) => a.paidAt.localeCompare(b.paidAt)),
    totals,
    notes: byTime(notes),
    attachments: signed,
    messages: byTime(messages),
  };
}
