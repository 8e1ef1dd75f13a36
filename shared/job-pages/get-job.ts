/**
 * A job's page and its sections, as the customer sees them: the job with its invoices, estimates
 * and unread messages. It reads those capabilities' ports and views, so it sits above them
 * (shared/job-pages/, beside the work history list, ./list-jobs.ts), not in jobs/.
 */
import type { Attachment, JobDetail, JobSectionItem, JobSectionName } from '../contract/customer/jobs';
import type { Page } from '../contract/common';
import { NotFound } from '../kernel/errors';
import type { AttachmentRecord, JobSection, SectionRecords, JobState } from '../jobs/model';
import type { Clock, StorePage } from '../kernel/types';
import type { FileLinks } from '../files/port';
import type { JobStore } from '../jobs/port';
import type { JobDocumentStore } from './port';
import type { UnreadStore } from '../messages/port';
import { estimateSummaryOf } from '../estimates/views';
import { invoiceSummaryOf } from '../invoices/views';
import { toJobRecord } from '../jobs/model';
import { toJobSummary, summaryRecordOf } from '../jobs/summary';
import { jobTotals, lineTotal } from '../contract/totals';
import { jobMoneyFrom } from '../jobs/job-money';

/** Download links last five minutes: long enough to tap, short enough not to matter if forwarded. */
export const attachmentUrlLifetimeMs = 5 * 60_000;

/** How much of each growing section the job page shows at first. */
export const firstPageSize = 20;

interface JobReadDeps {
  jobs: JobStore;
  files: FileLinks;
  clock: Clock;
}

const notFound = () => new NotFound('We could not find that job.').saying('problems.job.not-found');
const owned = (job: JobState | null, session: { customerId: string }): job is JobState => !!job && job.customerId === session.customerId;

/**
 * The job page: the job item, its invoices and estimates, and the newest page of each section, read in
 * parallel, each with a limit, so a job with 10,000 messages costs what a job with 10 does.
 */
/**
 * `messagesShown`: whether the business shows Messages (read beside the page's reads by the section
 * gate); hidden, the page's messages are left out. Unknown (undefined): shown.
 */
export async function getJob(
  session: { businessId: string; customerId: string },
  jobId: string,
  deps: JobReadDeps & { jobDocuments: JobDocumentStore; unread: UnreadStore },
  messagesShown?: Promise<boolean>,
): Promise<JobDetail> {
  const { businessId } = session;
  // The page shows the job's newest messages: opening it reads them. Beside the reads (it is the
  // customer's own partition: a job that is not theirs has nothing there to clear).
  const read = deps.unread.markRead(businessId, session.customerId, jobId, deps.clock.now().toISOString());
  const page = <S extends JobSection>(section: S) => deps.jobs.readSection(businessId, jobId, section, { limit: firstPageSize, cursor: null });
  const [job, documents, messages, notes, attachments, payments, , showsMessages] = await Promise.all([
    deps.jobs.getJob(businessId, jobId),
    deps.jobDocuments.listJobDocuments(businessId, jobId, firstPageSize),
    page('messages'),
    page('notes'),
    page('attachments'),
    page('payments'),
    read,
    messagesShown ?? true,
  ]);
  // Another customer's job is answered exactly like a job that does not exist.
  if (!owned(job, session)) throw notFound();
  const record = toJobRecord(job);
  const money = jobMoneyFrom(job);
  const totals = jobTotals(record, money);
  const view = <S extends JobSectionName>(section: S, p: StorePage<SectionRecords[S]>) => toSectionPage(section, p, deps);
  return {
    ...toJobSummary(summaryRecordOf(record, money, job.updatedAt)),
    scopeOfWork: record.scopeOfWork,
    address: record.address,
    contact: record.contact,
    technician: record.technician,
    charges: record.charges.map((line) => ({
      id: line.id,
      description: line.description,
      quantity: line.quantity,
      unitPrice: { amount: line.unitAmount, currency: record.currency },
      total: { amount: lineTotal(line), currency: record.currency },
    })),
    totals,
    invoices: documents.invoices.filter((invoice) => invoice.customerId === session.customerId).map(invoiceSummaryOf),
    estimates: documents.estimates.filter((estimate) => estimate.customerId === session.customerId).map((estimate) => estimateSummaryOf(estimate, deps.clock.now())),
    messages: showsMessages ? await view('messages', messages) : { items: [], nextCursor: null },
    notes: await view('notes', notes),
    attachments: await view('attachments', attachments),
    payments: await view('payments', payments),
  };
}

/** Older entries of one section (`GET /api/jobs/{jobId}/{section}?cursor=`). */
export async function listJobSection<S extends JobSectionName>(
  session: { businessId: string; customerId: string },
  jobId: string,
  section: S,
  query: { cursor?: string | undefined; limit: number },
  deps: JobReadDeps,
): Promise<Page<JobSectionItem[S]>> {
  const { job, page } = await readJobSection(session.businessId, jobId, section, query, deps);
  if (!owned(job, session)) throw notFound();
  return toSectionPage(section, page, deps);
}

/**
 * A job and one page of one of its sections, read in parallel; the cursor is checked to point
 * into that section. The caller decides who may see the job (customer pages, business API).
 */
export async function readJobSection<S extends JobSection>(
  businessId: string,
  jobId: string,
  section: S,
  query: { cursor?: string | undefined; limit: number },
  deps: { jobs: JobStore },
): Promise<{ job: JobState | null; page: StorePage<SectionRecords[S]> }> {
  const [job, page] = await Promise.all([
    deps.jobs.getJob(businessId, jobId),
    deps.jobs.readSection(businessId, jobId, section, { limit: query.limit, cursor: query.cursor ?? null }),
  ]);
  return { job, page };
}

async function toSectionPage<S extends JobSectionName>(
  section: S,
  page: StorePage<SectionRecords[S]>,
  deps: JobReadDeps,
): Promise<Page<JobSectionItem[S]>> {
  const { nextCursor } = page;
  if (section !== 'attachments') {
    const items = (page.items as SectionRecords['messages' | 'notes' | 'payments'][]).map((item) =>
      'paidAt' in item ? { id: item.id, paidAt: item.paidAt, method: item.method, amount: { amount: item.amount, currency: item.currency } } : item,
    );
    return { items: items as JobSectionItem[S][], nextCursor };
  }
  // Customers see an attachment once the business has confirmed its upload.
  const ready = (page.items as AttachmentRecord[]).filter((a) => a.status === 'ready');
  const urlExpiresAt = new Date(deps.clock.now().getTime() + attachmentUrlLifetimeMs);
  const items: Attachment[] = await Promise.all(
    ready.map(async (a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      url: await deps.files.signedDownloadUrl(a.fileKey, a.fileName, urlExpiresAt),
      urlExpiresAt: urlExpiresAt.toISOString(),
    })),
  );
  return { items: items as JobSectionItem[S][], nextCursor };
}
