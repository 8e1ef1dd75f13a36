/**
 * A pointer from a job to a document written for it: an invoice, or an estimate. The job page
 * reads them all with one Query (`DOC#`) and one BatchGetItem. A pointer may outlive a change of
 * the document's job (a crash between writing the document and removing the old pointer):
 * readers keep only documents whose `jobId` is still this job, so a stale pointer is never shown.
 */
import * as v from 'valibot';
import { parseItem, type Item, type Key } from '../data/entity';
import { jobEntity } from './entity';

export type JobDocumentKind = 'invoice' | 'estimate';

const JobDocumentRefItem = v.object({ kind: v.picklist(['invoice', 'estimate']), documentId: v.string() });

export const jobDocumentRefEntity = {
  type: 'jobDocumentRef',
  prefix: 'DOC#',
  /** The pointers of one kind: `DOC#invoice#`. */
  kindPrefix: (kind: JobDocumentKind) => `DOC#${kind}#`,
  key: (businessId: string, jobId: string, kind: JobDocumentKind, documentId: string): Key => ({ pk: jobEntity.partition(businessId, jobId), sk: `${jobDocumentRefEntity.kindPrefix(kind)}${documentId}` }),
  toItem: (businessId: string, jobId: string, kind: JobDocumentKind, documentId: string): Item => ({
    ...jobDocumentRefEntity.key(businessId, jobId, kind, documentId),
    type: jobDocumentRefEntity.type,
    kind,
    documentId,
  }),
  fromItem: (item: Item) => parseItem(jobDocumentRefEntity.type, JobDocumentRefItem, item),
};
