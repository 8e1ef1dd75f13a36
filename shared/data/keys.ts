/**
 * Typed key builders: the only place that knows how items are keyed. Every partition key
 * that holds tenant data starts with the business (`BIZ#<id>`); the three global item kinds
 * (sign-in links, sessions, rate-limit counters) are addressed by a secret's hash or a
 * counter name and carry their business inside. docs/data-model.md lists the access patterns.
 */
import type { ContactChannel } from '../domain/model';

export type Key = { pk: string; sk: string };

const biz = (businessId: string) => `BIZ#${businessId}`;

export const keys = {
  business: (businessId: string): Key => ({ pk: biz(businessId), sk: 'PROFILE' }),

  contact: (businessId: string, channel: ContactChannel, address: string): Key => ({
    pk: `${biz(businessId)}#CONTACT#${channel}#${address}`,
    sk: 'CONTACT',
  }),

  /** The customer's partition: their profile plus one summary item per job. */
  customerPartition: (businessId: string, customerId: string) => `${biz(businessId)}#CUS#${customerId}`,
  customer: (businessId: string, customerId: string): Key => ({ pk: keys.customerPartition(businessId, customerId), sk: 'PROFILE' }),

  /**
   * Job summaries sort by the appointment's end, so "upcoming" (not over yet) and "past" are
   * two ranges of one key and each list page is one Query, whatever the number of jobs.
   */
  jobSummary: (businessId: string, customerId: string, scheduledEnd: string, jobId: string): Key => ({
    pk: keys.customerPartition(businessId, customerId),
    sk: `${jobSummaryPrefix}${scheduledEnd}#${jobId}`,
  }),

  /** The job's partition: the job itself and its charges, payments, notes, attachments, messages. */
  jobPartition: (businessId: string, jobId: string) => `${biz(businessId)}#JOB#${jobId}`,
  job: (businessId: string, jobId: string): Key => ({ pk: keys.jobPartition(businessId, jobId), sk: 'JOB' }),
  jobPart: (businessId: string, jobId: string, kind: JobPartKind, ...sortParts: string[]): Key => ({
    pk: keys.jobPartition(businessId, jobId),
    sk: [kind, ...sortParts].join('#'),
  }),

  signInLink: (tokenHash: string): Key => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' }),
  session: (idHash: string): Key => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' }),
  rateLimit: (counter: string, windowStart: Date): Key => ({ pk: `RATE#${counter}#${windowStart.toISOString()}`, sk: 'RATE' }),
};

export const jobSummaryPrefix = 'JOB#';

export type JobPartKind = 'CHARGE' | 'PAYMENT' | 'NOTE' | 'ATTACHMENT' | 'MESSAGE';

/** A job summary sort key as it may come back inside a cursor: checked before use. */
export const jobSummarySortKeyPattern = /^JOB#\d{4}-\d{2}-\d{2}T[0-9:.]+Z#[A-Za-z0-9_-]{1,64}$/;
