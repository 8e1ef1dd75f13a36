/** Forms: templates and their versions, sent forms with their drafts, submissions and their drawn signatures. */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FormDraft, FormRecord, FormVersionRecord, SentFormRecord, SentFormStatus, SubmissionRecord } from './model';
import type { FormStore } from './port';
import type { StorePage } from '../kernel/types';
import type { OwedSteps } from '../followups/owed';
import { formEntity, formSignatureEntity, formVersionEntity, sentFormEntity, submissionEntity } from './entity';
import { conditionalWrite } from '../data/document-client';
import { epochSeconds } from '../data/entity';
import { queryList } from '../data/lists';
import { tableDefinition } from '../data/table';
import { versionedSet } from '../data/versioned-update';
import { putVersionedOwing } from '../followups/owed-write';
import { stepOwner } from '../followups/port';

const { listsIndex } = tableDefinition;

export class DynamoFormStore implements FormStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  private async get(key: { pk: string; sk: string }, consistent = false) {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ...(consistent ? { ConsistentRead: true } : {}) }));
    return Item;
  }

  async getForm(businessId: string, formId: string, options: { consistent?: boolean } = {}): Promise<FormRecord | null> {
    const item = await this.get(formEntity.key(businessId, formId), options.consistent);
    return item ? formEntity.fromItem(item) : null;
  }

  putForm(form: FormRecord, expectedVersion: number | null): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: formEntity.key(form.businessId, form.id), ...versionedSet(formEntity.attributes(form), expectedVersion) })),
    );
  }

  async getFormVersion(businessId: string, formId: string, revision: number): Promise<FormVersionRecord | null> {
    // Written once and never changed: an eventually consistent read is the same read.
    const item = await this.get(formVersionEntity.key(businessId, formId, revision), true);
    return item ? formVersionEntity.fromItem(item) : null;
  }

  async lastFormRevision(businessId: string, formId: string): Promise<number> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': formEntity.partition(businessId, formId), ':prefix': formVersionEntity.prefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Items[0] ? formVersionEntity.fromItem(Items[0]).revision : 0;
  }

  async putFormVersion(version: FormVersionRecord): Promise<'written' | 'same' | 'taken'> {
    const written = await conditionalWrite(() =>
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: formVersionEntity.toItem(version), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    if (written) return 'written';
    const stored = await this.getFormVersion(version.businessId, version.formId, version.revision);
    return stored?.definitionHash === version.definitionHash ? 'same' : 'taken';
  }

  async getSentForm(businessId: string, sentFormId: string, options: { consistent?: boolean } = {}): Promise<SentFormRecord | null> {
    const item = await this.get(sentFormEntity.key(businessId, sentFormId), options.consistent);
    return item ? sentFormEntity.fromItem(item) : null;
  }

  createSentForm(sent: SentFormRecord): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...sentFormEntity.key(sent.businessId, sent.id), ...sentFormEntity.attributes(sent) }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  saveDraft(businessId: string, sentFormId: string, draft: FormDraft, draftRevisionRead: number | null): Promise<boolean> {
    // Only while open: a draft saved after the submission (a tab left open) changes nothing. And
    // only on the draft the version was checked against (or on a draft of the same version: last
    // save wins): a save of version 1, checked while the draft was on 1, loses to a save of
    // version 2 that landed meanwhile, instead of moving the draft back to a version no longer asked.
    const asRead = draftRevisionRead === null ? 'attribute_not_exists(draft.#revision)' : 'draft.#revision = :read';
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sentFormEntity.key(businessId, sentFormId),
          UpdateExpression: 'SET draft = :draft, updatedAt = :at',
          ConditionExpression: `attribute_exists(pk) AND #status = :open AND (draft.#revision = :filled OR ${asRead})`,
          ExpressionAttributeNames: { '#status': 'status', '#revision': 'revision' },
          ExpressionAttributeValues: {
            ':draft': draft,
            ':at': draft.savedAt,
            ':open': 'open',
            ':filled': draft.revision,
            ...(draftRevisionRead === null ? {} : { ':read': draftRevisionRead }),
          },
        }),
      ),
    );
  }

  async markSubmitted(sent: Pick<SentFormRecord, 'businessId' | 'id' | 'customerId'>, submissionId: string, at: string): Promise<void> {
    // Once: a repeat (the re-driver after the request did it) finds it submitted and changes nothing.
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sentFormEntity.key(sent.businessId, sent.id),
          UpdateExpression: 'SET #status = :submitted, submissionId = :sub, submittedAt = :at, updatedAt = :at, #version = #version + :one, #gpk = :gpk, #gsk = :gsk REMOVE draft',
          ConditionExpression: 'attribute_exists(pk) AND #status = :open',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#gpk': listsIndex.partitionKey, '#gsk': listsIndex.sortKey },
          ExpressionAttributeValues: {
            ':submitted': 'submitted',
            ':open': 'open',
            ':sub': submissionId,
            ':at': at,
            ':one': 1,
            ':gpk': sentFormEntity.listPartition(sent.businessId, sent.customerId, 'submitted'),
            ':gsk': sentFormEntity.listSortKey({ id: sent.id, sentAt: at, submittedAt: at }),
          },
        }),
      ),
    );
  }

  listCustomerForms(businessId: string, customerId: string, query: { list: SentFormStatus; limit: number; cursor: string | null }): Promise<StorePage<SentFormRecord>> {
    return queryList(
      this.doc,
      this.tableName,
      {
        partition: sentFormEntity.listPartition(businessId, customerId, query.list),
        forward: false,
        limit: query.limit,
        name: `forms-${query.list}`,
        cursor: query.cursor,
        keyOf: (id) => sentFormEntity.key(businessId, id),
      },
      sentFormEntity.fromItem,
    );
  }

  async getSubmission(businessId: string, submissionId: string, options: { consistent?: boolean } = {}): Promise<SubmissionRecord | null> {
    const item = await this.get(submissionEntity.key(businessId, submissionId), options.consistent);
    return item ? submissionEntity.fromItem(item) : null;
  }

  putSubmission(submission: SubmissionRecord, owed: OwedSteps): Promise<boolean> {
    return putVersionedOwing(this.doc, this.tableName, stepOwner('submission', submission), submissionEntity.key(submission.businessId, submission.id), submissionEntity.attributes(submission), null, owed);
  }

  listFormSubmissions(businessId: string, formId: string, query: { limit: number; cursor: string | null }): Promise<StorePage<SubmissionRecord>> {
    return queryList(
      this.doc,
      this.tableName,
      { partition: submissionEntity.listPartition(businessId, formId), forward: false, limit: query.limit, name: 'submissions', cursor: query.cursor, keyOf: (id) => submissionEntity.key(businessId, id) },
      submissionEntity.fromItem,
    );
  }

  async putSignatureImage(businessId: string, submissionId: string, imageHash: string, png: Uint8Array, at: string, expiresAt: string): Promise<void> {
    // Keyed by its own hash: the same drawing written again is the same item, and its expiry is not put back once kept.
    await conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...formSignatureEntity.key(businessId, submissionId, imageHash), type: formSignatureEntity.type, png, version: 1, createdAt: at, updatedAt: at, [tableDefinition.ttlAttribute]: epochSeconds(expiresAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async keepSignatureImage(businessId: string, submissionId: string, imageHash: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: formSignatureEntity.key(businessId, submissionId, imageHash),
          UpdateExpression: 'REMOVE #ttl',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute },
        }),
      ),
    );
  }

  async getSignatureImage(businessId: string, submissionId: string, imageHash: string): Promise<Uint8Array | null> {
    const item = await this.get(formSignatureEntity.key(businessId, submissionId, imageHash));
    return item?.png instanceof Uint8Array ? item.png : null;
  }

  async deleteSignatureImage(businessId: string, submissionId: string, imageHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: formSignatureEntity.key(businessId, submissionId, imageHash) }));
  }
}
