/**
 * Forms' items (docs/data-model.md, "Forms"):
 * - the template, `BIZ#<b>#FORM#<formId>` / `FORM` (its current version), and each version under
 *   the same partition, `VERSION#<000001>`, written once;
 * - a sent form, `BIZ#<b>#SENTFORM#<sfm_…>` / `SENTFORM`, in the customer's lists index partition
 *   `…#FORMS#open|submitted` (newest first), its draft on the same item;
 * - a submission, `BIZ#<b>#SUBMISSION#<sub_…>` / `SUBMISSION`, in the template's list
 *   `BIZ#<b>#FORM#<formId>#SUBMISSIONS` (newest first); a drawn signature's PNG beside it,
 *   `SIGNATURE#<sha256>`.
 */
import * as v from 'valibot';
import type { FormRecord, FormVersionRecord, SentFormRecord, SubmissionRecord } from './model';
import { FORM_FIELD_KINDS } from '../contract/forms';
import { tableDefinition } from '../data/table';
import { bizPrefix, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { customerEntity } from '../directory/customer-entity';

const { listsIndex } = tableDefinition;
const nullableNumber = v.nullable(v.number());

const FieldItem = v.object({
  id: v.string(),
  kind: v.picklist(FORM_FIELD_KINDS),
  label: v.string(),
  help: nullableString,
  required: v.boolean(),
  showWhen: v.nullable(v.object({ field: v.string(), equals: v.union([v.string(), v.boolean()]) })),
  choices: v.nullable(v.array(v.object({ value: v.string(), label: v.string() }))),
  min: nullableNumber,
  max: nullableNumber,
  integer: v.boolean(),
  signature: v.nullable(v.picklist(['typed', 'drawn'])),
  maxFiles: nullableNumber,
});
const DefinitionItem = v.object({ title: v.string(), intro: v.string(), fields: v.array(FieldItem) });
const Answers = v.record(v.string(), v.unknown());

const FormItem = v.object({ businessId: v.string(), id: v.string(), revision: v.number(), definition: DefinitionItem, definitionHash: v.string(), ...versionedEntries });
const FormVersionItem = v.object({ businessId: v.string(), formId: v.string(), revision: v.number(), definition: DefinitionItem, definitionHash: v.string(), createdAt: v.string() });

const versionSk = (revision: number) => `VERSION#${String(revision).padStart(6, '0')}`;

export const formEntity = {
  type: 'form',
  partition: (businessId: string, formId: string) => `${bizPrefix(businessId)}#FORM#${formId}`,
  key: (businessId: string, formId: string): Key => ({ pk: formEntity.partition(businessId, formId), sk: 'FORM' }),
  attributes: (form: FormRecord): Item => ({ type: formEntity.type, ...form }),
  fromItem: (item: Item): FormRecord => parseItem(formEntity.type, FormItem, item),
};

export const formVersionEntity = {
  type: 'formVersion',
  prefix: 'VERSION#',
  key: (businessId: string, formId: string, revision: number): Key => ({ pk: formEntity.partition(businessId, formId), sk: versionSk(revision) }),
  toItem: (version: FormVersionRecord): Item => ({
    ...formVersionEntity.key(version.businessId, version.formId, version.revision),
    type: formVersionEntity.type,
    ...version,
    version: 1,
    updatedAt: version.createdAt,
  }),
  fromItem: (item: Item): FormVersionRecord => parseItem(formVersionEntity.type, FormVersionItem, item),
};

const DraftItem = v.object({ revision: v.number(), answers: Answers, savedAt: v.string() });

const SentFormItem = v.object({
  businessId: v.string(),
  id: v.string(),
  formId: v.string(),
  customerId: v.string(),
  jobId: nullableString,
  title: v.string(),
  sentAt: v.string(),
  status: v.picklist(['open', 'submitted']),
  submissionId: nullableString,
  submittedAt: nullableString,
  draft: v.optional(v.nullable(DraftItem), null),
  ...versionedEntries,
});

export const sentFormEntity = {
  type: 'sentForm',
  partition: (businessId: string, sentFormId: string) => `${bizPrefix(businessId)}#SENTFORM#${sentFormId}`,
  key: (businessId: string, sentFormId: string): Key => ({ pk: sentFormEntity.partition(businessId, sentFormId), sk: 'SENTFORM' }),
  listPartition: (businessId: string, customerId: string, list: 'open' | 'submitted') => `${customerEntity.partition(businessId, customerId)}#FORMS#${list}`,
  listSortKey: (sent: Pick<SentFormRecord, 'id' | 'sentAt' | 'submittedAt'>) => `${sent.submittedAt ?? sent.sentAt}#${sent.id}`,
  attributes: (sent: SentFormRecord): Item => ({
    type: sentFormEntity.type,
    ...sent,
    [listsIndex.partitionKey]: sentFormEntity.listPartition(sent.businessId, sent.customerId, sent.status),
    [listsIndex.sortKey]: sentFormEntity.listSortKey(sent),
  }),
  fromItem: (item: Item): SentFormRecord => parseItem(sentFormEntity.type, SentFormItem, item),
};

const SubmissionItem = v.object({
  businessId: v.string(),
  id: v.string(),
  sentFormId: v.string(),
  formId: v.string(),
  revision: v.number(),
  definitionHash: v.string(),
  customerId: v.string(),
  jobId: nullableString,
  answers: Answers,
  answersHash: v.string(),
  submittedAt: v.string(),
  via: v.picklist(['session', 'link']),
  ip: nullableString,
  userAgent: nullableString,
  requestId: v.string(),
  ...versionedEntries,
});

export const submissionEntity = {
  type: 'submission',
  partition: (businessId: string, submissionId: string) => `${bizPrefix(businessId)}#SUBMISSION#${submissionId}`,
  key: (businessId: string, submissionId: string): Key => ({ pk: submissionEntity.partition(businessId, submissionId), sk: 'SUBMISSION' }),
  listPartition: (businessId: string, formId: string) => `${formEntity.partition(businessId, formId)}#SUBMISSIONS`,
  attributes: (submission: SubmissionRecord): Item => ({
    type: submissionEntity.type,
    ...submission,
    [listsIndex.partitionKey]: submissionEntity.listPartition(submission.businessId, submission.formId),
    [listsIndex.sortKey]: `${submission.submittedAt}#${submission.id}`,
  }),
  fromItem: (item: Item): SubmissionRecord => parseItem(submissionEntity.type, SubmissionItem, item),
};

/** A drawn signature of a submission, written once under its own hash. */
export const formSignatureEntity = {
  type: 'formSignature',
  key: (businessId: string, submissionId: string, imageHash: string): Key => ({ pk: submissionEntity.partition(businessId, submissionId), sk: `SIGNATURE#${imageHash}` }),
};
