import type { JobRecord, JobSection, SectionRecords, JobSummaryRecord, JobState, JobDocumentKind } from './model';

import type { StorePage, ChangesQuery } from '../kernel/types';
import type { JobMoney } from '../contract/totals';

export interface JobStore {
  listJobs(
    businessId: string,
    customerId: string,
    query: { when: 'upcoming' | 'past'; now: Date; limit: number; cursor: string | null },
  ): Promise<StorePage<JobSummaryRecord>>;
  getJob(businessId: string, jobId: string, options?: { consistent?: boolean }): Promise<JobState | null>;
  /** One page of one section, newest first unless `oldestFirst`. */
  readSection<S extends JobSection>(
    businessId: string,
    jobId: string,
    section: S,
    query: { limit: number; cursor: string | null; oldestFirst?: boolean },
  ): Promise<StorePage<SectionRecords[S]>>;
  listJobsChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<JobRecord>>;

  /**
   * Writes the job on the version `previous` was read at (null: a new job), moving its summary's
   * place if its customer or end time changed; the move is finished by `syncSummary`, or by the
   * next write after a crash. False on a version conflict.
   */
  putJob(job: JobRecord, previous: JobState | null): Promise<boolean>;
  /** Brings the job's work-history summary in line with the job; safe to run any number of times. */
  syncSummary(businessId: string, jobId: string, now: string): Promise<void>;
  /** Adds a part under a deterministic key; false when it already exists (a retry). */
  addPart<S extends JobSection>(businessId: string, jobId: string, section: S, record: SectionRecords[S]): Promise<boolean>;
  /** Sets the job's money (summed from its invoices: shared/invoices/job-money.ts) if the job is still at `expectedVersion`, moving it; false when it changed meanwhile. */
  setMoney(businessId: string, jobId: string, expectedVersion: number, money: JobMoney): Promise<boolean>;
  getMessage(businessId: string, jobId: string, at: string, messageId: string): Promise<SectionRecords['messages'] | null>;
  /**
   * Claims telling the customer about a message; false when they were told, or a send claimed it
   * at or after `staleBefore` (an older claim was a crash's between claim and send, and expires).
   */
  claimMessageNotice(businessId: string, jobId: string, at: string, messageId: string, now: string, staleBefore: string): Promise<boolean>;
  /** The customer was told: no claim can be taken again. */
  markMessageNoticeSent(businessId: string, jobId: string, at: string, messageId: string, now: string): Promise<void>;
  /** Whether the customer was told. */
  messageNoticeSent(businessId: string, jobId: string, at: string, messageId: string): Promise<boolean>;
  /** Undoes this claim after a failed send, so the queue's retry can send. */
  releaseMessageNotice(businessId: string, jobId: string, at: string, messageId: string, claimedAt: string): Promise<void>;
  getAttachment(businessId: string, jobId: string, attachmentId: string): Promise<SectionRecords['attachments'] | null>;
  markAttachmentReady(businessId: string, jobId: string, attachmentId: string, now: string): Promise<void>;
}

/**
 * Pointers from a job to its invoices and estimates (written by the invoice and estimate writes),
 * so the job page lists them. Reading the documents they point at is the invoices' part
 * (`JobInvoiceList`, shared/invoices/port.ts) and the job page's (`JobDocumentStore`,
 * shared/job-pages/port.ts); one store implements all three (shared/job-pages/document-store.ts).
 */
export interface JobDocumentPointers {
  putJobDocumentRef(businessId: string, jobId: string, kind: JobDocumentKind, documentId: string): Promise<void>;
  deleteJobDocumentRef(businessId: string, jobId: string, kind: JobDocumentKind, documentId: string): Promise<void>;
}
