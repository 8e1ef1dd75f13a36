/** Jobs: the customer's list (summaries in their partition), the job item, and its sections a page at a time. */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { JobRecord, JobSection, SectionRecords } from './model';
import type { ChangesKey, ChangesQuery } from '../data/changes';
import type { JobStore } from './port';
import type { JobSummaryRecord, JobState } from './model';
import type { StorePage } from '../kernel/types';
import { conditionalWrite } from '../data/document-client';
import { jobEntity, jobPartFromItem, jobPartKey, jobParts, jobSummaryEntity } from './entity';
import { toJobRecord } from './model';
import type { Key } from '../data/entity';
import { queryChanges } from '../data/changes';
import { versionedSet } from '../data/versioned-update';
import { customerEntity } from '../directory/customer-entity';

export class DynamoJobStore implements JobStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async listJobs(
    businessId: string,
    customerId: string,
    query: { when: 'upcoming' | 'past'; now: Date; limit: number; after: string | null },
  ): Promise<StorePage<JobSummaryRecord, string>> {
    const prefix = jobSummaryEntity.prefix;
    const boundary = `${prefix}${query.now.toISOString()}`;
    const upcoming = query.when === 'upcoming';
    const pk = customerEntity.partition(businessId, customerId);
    // One extra item tells whether another page exists, so the last page never ends in an empty one.
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': upcoming ? boundary : prefix, ':to': upcoming ? `${prefix}\uffff` : boundary },
        ScanIndexForward: upcoming,
        Limit: query.limit + 1,
        ...(query.after ? { ExclusiveStartKey: { pk, sk: query.after } } : {}),
      }),
    );
    const page = Items.slice(0, query.limit);
    const more = Items.length > query.limit;
    return { items: page.map(jobSummaryEntity.fromItem), lastKey: more ? String(page[page.length - 1]!.sk) : null };
  }

  async getJob(businessId: string, jobId: string, options: { consistent?: boolean } = {}): Promise<JobState | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: jobEntity.key(businessId, jobId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
    );
    return Item ? jobEntity.fromItem(Item) : null;
  }

  async readSection<S extends JobSection>(
    businessId: string,
    jobId: string,
    section: S,
    query: { limit: number; after: string | null; oldestFirst?: boolean },
  ): Promise<StorePage<SectionRecords[S], string>> {
    const pk = jobEntity.partition(businessId, jobId);
    const { prefix } = jobParts[section];
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ScanIndexForward: query.oldestFirst === true,
        Limit: query.limit + 1,
        ...(query.after ? { ExclusiveStartKey: { pk, sk: query.after } } : {}),
      }),
    );
    const page = Items.slice(0, query.limit);
    const more = Items.length > query.limit;
    return { items: page.map((item) => jobPartFromItem(section, item)), lastKey: more ? String(page[page.length - 1]!.sk) : null };
  }

  async listJobsChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<JobRecord, ChangesKey>> {
    return queryChanges(this.doc, this.tableName, jobEntity.changesPartition(businessId), query, (item) => toJobRecord(jobEntity.fromItem(item)));
  }

  async putJob(job: JobRecord, summaryKey: Key, retire: Key[], expectedVersion: number | null): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobEntity.key(job.businessId, job.id),
          // The keys a move leaves behind are recorded in the same write that moves the pointer:
          // whatever happens next, the sync that follows (or the next write) can find and delete them.
          ...versionedSet({ type: jobEntity.type, ...job, ...jobEntity.changesAttributes(job), summaryKey }, expectedVersion, {
            sets: ['#retired = list_append(if_not_exists(#retired, :none), :retire)'],
            names: { '#retired': 'retiredSummaryKeys' },
            values: { ':retire': retire, ':none': [] },
          }),
        }),
      ),
    );
  }

  async putSummary(key: Key, summary: JobSummaryRecord): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: jobSummaryEntity.toItem(key, summary),
          ConditionExpression: 'attribute_not_exists(pk) OR jobVersion <= :version',
          ExpressionAttributeValues: { ':version': summary.jobVersion },
        }),
      ),
    );
  }

  async deleteSummary(key: Key): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  async dropRetired(businessId: string, jobId: string, keys: Key[], read: Pick<JobState, 'version' | 'retiredSummaryKeys'>): Promise<void> {
    if (keys.length === 0) return;
    // Rewrite the list conditionally on the version it was read at: a concurrent write may have
    // added more keys, which must survive. The caller's snapshot is the first try; after a
    // conflict, read again.
    const dropped = new Set(keys.map((k) => `${k.pk}\n${k.sk}`));
    let job: Pick<JobState, 'version' | 'retiredSummaryKeys'> | null = read;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) job = await this.getJob(businessId, jobId, { consistent: true });
      if (!job) return;
      const { version, retiredSummaryKeys } = job;
      const remaining = retiredSummaryKeys.filter((k) => !dropped.has(`${k.pk}\n${k.sk}`));
      if (remaining.length === retiredSummaryKeys.length) return;
      const written = await conditionalWrite(() =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: jobEntity.key(businessId, jobId),
            UpdateExpression: 'SET retiredSummaryKeys = :remaining',
            ConditionExpression: '#version = :version AND size(retiredSummaryKeys) = :count',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':remaining': remaining, ':version': version, ':count': retiredSummaryKeys.length },
          }),
        ),
      );
      if (written) return;
    }
  }

  async addPart<S extends JobSection>(businessId: string, jobId: string, section: S, record: SectionRecords[S]): Promise<boolean> {
    const key = jobPartKey(businessId, jobId, section, record);
    return conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          // A part is written once: its own time is its `updatedAt` (a later change sets it again).
          Item: { ...key, type: jobParts[section].type, ...record, version: 1, updatedAt: 'paidAt' in record ? record.paidAt : record.at },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async setPaidAmount(businessId: string, jobId: string, expectedVersion: number, paidAmount: number): Promise<boolean> {
    // Written on the version the sum was read with, and moving it: every write of the job moves its
    // version, so a summary (which keeps the version it was written from) can never be overwritten
    // by one read before it. `updatedAt` (the changes index's sort key) stays: the business did not edit it.
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobEntity.key(businessId, jobId),
          UpdateExpression: 'SET paidAmount = :paid, #version = #version + :one',
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':paid': paidAmount, ':one': 1 },
        }),
      ),
    );
  }

  async getMessage(businessId: string, jobId: string, at: string, messageId: string): Promise<SectionRecords['messages'] | null> {
    const key = jobPartKey(businessId, jobId, 'messages', { id: messageId, at, from: 'business', author: '', text: '' });
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item ? jobPartFromItem('messages', Item) : null;
  }

  async claimMessageNotice(businessId: string, jobId: string, at: string, messageId: string, now: string, staleBefore: string): Promise<boolean> {
    // Not sent, and not claimed by a send that may still be running (an older claim was a crash's).
    const key = jobPartKey(businessId, jobId, 'messages', { id: messageId, at, from: 'business', author: '', text: '' });
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET noticeClaimedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(noticeSentAt) AND (attribute_not_exists(noticeClaimedAt) OR noticeClaimedAt < :stale)',
          ExpressionAttributeValues: { ':now': now, ':stale': staleBefore },
        }),
      ),
    );
  }

  async markMessageNoticeSent(businessId: string, jobId: string, at: string, messageId: string, now: string): Promise<void> {
    const key = jobPartKey(businessId, jobId, 'messages', { id: messageId, at, from: 'business', author: '', text: '' });
    await this.doc.send(
      new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: 'SET noticeSentAt = :now, updatedAt = :now ADD version :one', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':now': now, ':one': 1 } }),
    );
  }

  async releaseMessageNotice(businessId: string, jobId: string, at: string, messageId: string, claimedAt: string): Promise<void> {
    const key = jobPartKey(businessId, jobId, 'messages', { id: messageId, at, from: 'business', author: '', text: '' });
    await conditionalWrite(() =>
      this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: 'REMOVE noticeClaimedAt', ConditionExpression: 'noticeClaimedAt = :claimed', ExpressionAttributeValues: { ':claimed': claimedAt } })),
    );
  }

  async messageNoticeSent(businessId: string, jobId: string, at: string, messageId: string): Promise<boolean> {
    const key = jobPartKey(businessId, jobId, 'messages', { id: messageId, at, from: 'business', author: '', text: '' });
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return typeof Item?.noticeSentAt === 'string';
  }

  async getAttachment(businessId: string, jobId: string, attachmentId: string): Promise<SectionRecords['attachments'] | null> {
    const key = { pk: jobEntity.partition(businessId, jobId), sk: `${jobParts.attachments.prefix}${attachmentId}` };
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item ? jobPartFromItem('attachments', Item) : null;
  }

  async markAttachmentReady(businessId: string, jobId: string, attachmentId: string, now: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: jobEntity.partition(businessId, jobId), sk: `${jobParts.attachments.prefix}${attachmentId}` },
        UpdateExpression: 'SET #status = :ready, updatedAt = :now ADD version :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':ready': 'ready', ':now': now, ':one': 1 },
      }),
    );
  }
}
