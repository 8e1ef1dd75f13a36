/**
 * A job: its own item (everything the business wrote, charges included), its summary in the
 * customer's partition (what the work history lists), and the parts that grow without bound
 * (messages, notes, attachments, payments), each in the job's partition under its own prefix so
 * each section is read a page at a time.
 */
import * as v from 'valibot';
import type { AttachmentRecord, JobRecord, JobSection, JobState, JobSummaryRecord, MessageRecord, NoteRecord, PaymentRecord } from './model';
import { tableDefinition } from '../data/table';
import { bizPrefix, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { customerEntity } from '../directory/customer-entity';

const isoInstant = v.string();
/** A service address, as jobs and estimates store it. */
export const AddressItem = v.object({ line1: v.string(), line2: nullableString, city: v.string(), region: v.string(), postalCode: v.string(), country: v.string() });
/** A point in degrees, as jobs (their location) and tracking visits (destination, position) store it. */
export const LatLngItem = v.object({ lat: v.number(), lng: v.number() });
const ChargeLine = v.object({ id: v.string(), description: v.string(), quantity: v.number(), unitAmount: v.number() });
const jobStatus = v.picklist(['scheduled', 'in_progress', 'completed', 'cancelled']);

const JobItem = v.object({
  businessId: v.string(),
  id: v.string(),
  customerId: v.string(),
  number: v.string(),
  title: v.string(),
  status: jobStatus,
  scheduledStart: isoInstant,
  scheduledEnd: isoInstant,
  arrivalWindow: v.object({ start: isoInstant, end: isoInstant }),
  scopeOfWork: v.string(),
  address: AddressItem,
  contact: v.object({ name: v.string(), phone: nullableString, email: nullableString }),
  technician: v.nullable(v.object({ name: v.string() })),
  currency: v.string(),
  charges: v.array(ChargeLine),
  taxAmount: v.number(),
  /** Jobs written before tracking existed have none. */
  location: v.optional(v.nullable(LatLngItem), null),
  ...versionedEntries,
  /** Where this job's summary lives now (customer partition + sort key). */
  summaryKey: v.object({ pk: v.string(), sk: v.string() }),
  /**
   * Summary keys a write moved away from and whose items may still exist. Added in the same
   * UpdateItem that moves `summaryKey`, removed once deleted: a crash in between is re-driven
   * by the next write or read-repair (docs/data-model.md, "Rescheduling").
   */
  retiredSummaryKeys: v.optional(v.array(v.object({ pk: v.string(), sk: v.string() })), []),
  /** Server-owned: what the job's invoices took, summed from them after each payment (shared/invoices/job-account.ts). */
  paidAmount: v.optional(v.number(), 0),
  /** Server-owned, summed with `paidAmount`: what the job's invoices ask for, and still owe (its balance due). */
  invoicedAmount: v.optional(v.number(), 0),
  dueAmount: v.optional(v.number(), 0),
});

const { changesIndex } = tableDefinition;
const summaryPrefix = 'JOB#';

/** Where a job's summary lives: kept on the job item so a move can be finished after a crash. */
export interface JobPlacement {
  summaryKey: Key;
  retiredSummaryKeys: Key[];
  version: number;
}

export const jobEntity = {
  type: 'job',
  partition: (businessId: string, jobId: string) => `${bizPrefix(businessId)}#JOB#${jobId}`,
  key: (businessId: string, jobId: string): Key => ({ pk: jobEntity.partition(businessId, jobId), sk: 'JOB' }),
  changesPartition: (businessId: string) => `${bizPrefix(businessId)}#JOBS`,
  changesAttributes: (job: Pick<JobRecord, 'businessId' | 'id' | 'updatedAt'>): Item => ({
    [changesIndex.partitionKey]: jobEntity.changesPartition(job.businessId),
    [changesIndex.sortKey]: `${job.updatedAt}#${job.id}`,
  }),
  /** The job as its use cases see it: where its summary lives stays here, behind the store. */
  fromItem: (item: Item): JobState => jobEntity.withPlacement(item).job,
  /** The job, and where its summary lives now with the places a move left behind (the store's own bookkeeping), from one parse. */
  withPlacement: (item: Item): { job: JobState; placement: JobPlacement } => {
    const { summaryKey, retiredSummaryKeys, ...job } = parseItem(jobEntity.type, JobItem, item);
    return { job, placement: { summaryKey, retiredSummaryKeys, version: job.version } };
  },
};

const SummaryItem = v.object({
  jobId: v.string(),
  number: v.string(),
  title: v.string(),
  status: jobStatus,
  scheduledStart: isoInstant,
  scheduledEnd: isoInstant,
  arrivalWindow: v.object({ start: isoInstant, end: isoInstant }),
  addressLine: v.string(),
  currency: v.string(),
  totalAmount: v.number(),
  balanceAmount: v.number(),
  // Summaries written before this field have none: they show no "not invoiced" line until the job is next written.
  notInvoicedAmount: v.optional(v.number(), 0),
  /** The job's version it was written from: an older writer never overwrites a newer summary. */
  jobVersion: v.number(),
  ...versionedEntries,
});

export const jobSummaryEntity = {
  type: 'jobSummary',
  prefix: summaryPrefix,
  /**
   * Summaries sort by the appointment's end, so "upcoming" (not over yet) and "past" are two
   * ranges of one key and each list page is one Query, whatever the number of jobs.
   */
  key: (businessId: string, customerId: string, scheduledEnd: string, jobId: string): Key => ({
    pk: customerEntity.partition(businessId, customerId),
    sk: `${summaryPrefix}${scheduledEnd}#${jobId}`,
  }),
  /** A summary sort key as it may come back inside a cursor: checked before use. */
  sortKeyPattern: /^JOB#\d{4}-\d{2}-\d{2}T[0-9:.]+Z#[A-Za-z0-9_-]{1,64}$/,
  toItem: (key: Key, s: JobSummaryRecord): Item => ({ ...key, type: jobSummaryEntity.type, ...s }),
  fromItem: (item: Item): JobSummaryRecord => parseItem(jobSummaryEntity.type, SummaryItem, item),
};

// ---------- the parts: one prefix per section ----------

const MessageItem = v.object({ id: v.string(), at: isoInstant, from: v.picklist(['business', 'customer']), author: v.string(), text: v.string() });
const NoteItem = v.object({ id: v.string(), at: isoInstant, author: v.string(), text: v.string() });
const AttachmentItem = v.object({
  id: v.string(), at: isoInstant, fileName: v.string(), contentType: v.string(), sizeBytes: v.number(), fileKey: v.string(), status: v.picklist(['pending', 'ready']),
});
const PaymentItem = v.object({ id: v.string(), paidAt: isoInstant, method: v.string(), amount: v.number(), currency: v.string() });

interface PartDef<T> {
  type: string;
  prefix: string;
  /** The sort key after the prefix: time first, so a section pages in time order. */
  sortKey: (record: T) => string;
  schema: v.GenericSchema<unknown, T>;
}

export const jobParts: { [S in JobSection]: PartDef<import('./model').SectionRecords[S]> } = {
  messages: { type: 'message', prefix: 'MESSAGE#', sortKey: (m: MessageRecord) => `${m.at}#${m.id}`, schema: MessageItem },
  notes: { type: 'note', prefix: 'NOTE#', sortKey: (n: NoteRecord) => `${n.at}#${n.id}`, schema: NoteItem },
  // Attachment ids are time-ordered (see shared/kernel/ids.ts), so the id alone both sorts and addresses one.
  attachments: { type: 'attachment', prefix: 'ATTACHMENT#', sortKey: (a: AttachmentRecord) => a.id, schema: AttachmentItem },
  payments: { type: 'payment', prefix: 'PAYMENT#', sortKey: (p: PaymentRecord) => `${p.paidAt}#${p.id}`, schema: PaymentItem },
};

export function jobPartKey<S extends JobSection>(businessId: string, jobId: string, section: S, record: import('./model').SectionRecords[S]): Key {
  const def = jobParts[section] as PartDef<import('./model').SectionRecords[S]>;
  return { pk: jobEntity.partition(businessId, jobId), sk: `${def.prefix}${def.sortKey(record)}` };
}

export function jobPartFromItem<S extends JobSection>(section: S, item: Item): import('./model').SectionRecords[S] {
  const def = jobParts[section] as PartDef<import('./model').SectionRecords[S]>;
  return parseItem(def.type, def.schema, item);
}
