/** Jobs: the customer's list (summaries in their partition), the job item, and its sections a page at a time. */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toJobRecord, type JobRecord, type JobSection, type JobState, type JobSummaryRecord, type SectionRecords } from './model';
import type { JobStore } from './port';
import type { JobPlacement } from './entity';
import type { ChangesQuery, StorePage } from '../kernel/types';
import { conditionalWrite } from '../data/document-client';
import { jobEntity, jobPartFromItem, jobPartKey, jobParts, jobSummaryEntity } from './entity';
import { summaryRecordOf } from './summary';
import { jobMoneyFrom } from './job-money';
import type { JobMoney } from '../contract/totals';
import type { Key } from '../data/entity';
import { queryChanges } from '../data/changes';
import { badCursor, decodeCursor, decodeSectionCursor, encodeCursor, encodeSectionCursor } from '../data/cursors';
import { versionedSet } from '../data/versioned-update';
import { customerEntity } from '../directory/customer-entity';

export class DynamoJobStore implements JobStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async listJobs(
    businessId: string,
    customerId: string,
    query: { when: 'upcoming' | 'past'; now: Date; limit: number; cursor: string | null },
  ): Promise<StorePage<JobSummaryRecord>> {
    const prefix = jobSummaryEntity.prefix;
    const boundary = `${prefix}${query.now.toISOString()}`;
    const upcoming = query.when === 'upcoming';
    const after = query.cursor ? decodeJobsCursor(query.cursor, query.when, boundary) : null;
    const pk = customerEntity.partition(businessId, customerId);
    // One extra item tells whether another page exists, so the last page never ends in an empty one.
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': upcoming ? boundary : prefix, ':to': upcoming ? `${prefix}\uffff` : boundary },
        ScanIndexForward: upcoming,
        Limit: query.limit + 1,
        ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
      }),
    );
    const page = Items.slice(0, query.limit);
    const more = Items.length > query.limit;
    return { items: page.map(jobSummaryEntity.fromItem), nextCursor: more ? encodeCursor({ w: query.when, sk: String(page[page.length - 1]!.sk) }) : null };
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
    query: { limit: number; cursor: string | null; oldestFirst?: boolean },
  ): Promise<StorePage<SectionRecords[S]>> {
    const pk = jobEntity.partition(businessId, jobId);
    const { prefix } = jobParts[section];
    const after = query.cursor ? decodeSectionCursor(query.cursor, prefix) : null;
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ScanIndexForward: query.oldestFirst === true,
        Limit: query.limit + 1,
        ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
      }),
    );
    const page = Items.slice(0, query.limit);
    const more = Items.length > query.limit;
    return { items: page.map((item) => jobPartFromItem(section, item)), nextCursor: more ? encodeSectionCursor(String(page[page.length - 1]!.sk)) : null };
  }

  async listJobsChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<JobRecord>> {
    return queryChanges(this.doc, this.tableName, jobEntity.changesPartition(businessId), query, (item) => toJobRecord(jobEntity.fromItem(item)));
  }

  /**
   * Writes the job on the version it was read at (`previous`; null for a new job), pointing its
   * summary at the place its customer and end time give, and recording the place it moves away
   * from in the same UpdateItem: whatever happens next, `syncSummary` (or the next write) can
   * find and delete it. False on a version conflict.
   */
  async putJob(job: JobRecord, previous: JobState | null): Promise<boolean> {
    const summaryKey = jobSummaryEntity.key(job.businessId, job.customerId, job.scheduledEnd, job.id);
    const before = previous ? jobSummaryEntity.key(previous.businessId, previous.customerId, previous.scheduledEnd, previous.id) : null;
    const retire = before && !sameKey(before, summaryKey) ? [before] : [];
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobEntity.key(job.businessId, job.id),
          ...versionedSet({ type: jobEntity.type, ...job, ...jobEntity.changesAttributes(job), summaryKey }, previous?.version ?? null, {
            sets: ['#retired = list_append(if_not_exists(#retired, :none), :retire)'],
            names: { '#retired': 'retiredSummaryKeys' },
            values: { ':retire': retire, ':none': [] },
          }),
        }),
      ),
    );
  }

  /**
   * Brings the job's summary in line with the job item; safe to run any number of times:
   * deletes every retired place first (the work history never shows a job twice), puts the
   * summary at its place (unless a newer version already wrote it), forgets the retired places,
   * then re-reads: if a concurrent write moved the summary meanwhile, it deletes what it just put
   * (that write's own sync deletes it too, whichever runs last).
   */
  async syncSummary(businessId: string, jobId: string, now: string): Promise<void> {
    const read = await this.readWithPlacement(businessId, jobId);
    if (!read) return;
    const { job, placement } = read;
    for (const key of placement.retiredSummaryKeys.filter((k) => !sameKey(k, placement.summaryKey))) await this.deleteSummary(key);
    await this.putSummary(placement.summaryKey, summaryRecordOf(toJobRecord(job), jobMoneyFrom(job), now));
    await this.dropRetired(businessId, jobId, placement.retiredSummaryKeys, placement);
    const after = await this.placementOf(businessId, jobId);
    if (after && !sameKey(after.summaryKey, placement.summaryKey)) await this.deleteSummary(placement.summaryKey);
  }

  /** Where the job's summary lives, and the places still to delete: the store's own bookkeeping (tests read it to stage a crash). */
  async placementOf(businessId: string, jobId: string): Promise<JobPlacement | null> {
    return (await this.readWithPlacement(businessId, jobId))?.placement ?? null;
  }

  private async readWithPlacement(businessId: string, jobId: string): Promise<{ job: JobState; placement: JobPlacement } | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: jobEntity.key(businessId, jobId), ConsistentRead: true }));
    return Item ? jobEntity.withPlacement(Item) : null;
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

  async dropRetired(businessId: string, jobId: string, keys: Key[], read: JobPlacement): Promise<void> {
    if (keys.length === 0) return;
    // Rewrite the list conditionally on the version it was read at: a concurrent write may have
    // added more keys, which must survive. The caller's snapshot is the first try; after a
    // conflict, read again.
    const dropped = new Set(keys.map((k) => `${k.pk}\n${k.sk}`));
    let job: JobPlacement | null = read;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) job = await this.placementOf(businessId, jobId);
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

  async setMoney(businessId: string, jobId: string, expectedVersion: number, money: JobMoney): Promise<boolean> {
    // Written on the version the sums were read with, and moving it: every write of the job moves its
    // version, so a summary (which keeps the version it was written from) can never be overwritten
    // by one read before it. `updatedAt` (the changes index's sort key) stays: the business did not edit it.
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobEntity.key(businessId, jobId),
          UpdateExpression: 'SET paidAmount = :paid, invoicedAmount = :invoiced, dueAmount = :due, #version = #version + :one',
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':paid': money.paidAmount, ':invoiced': money.invoicedAmount, ':due': money.dueAmount, ':one': 1 },
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

const sameKey = (a: Key, b: Key) => a.pk === b.pk && a.sk === b.sk;

/**
 * A work-history cursor: the list it belongs to and the last sort key, checked on the way back in
 * (shape, list, and inside that list's range: otherwise DynamoDB would refuse the start key, a 500).
 */
function decodeJobsCursor(cursor: string, when: 'upcoming' | 'past', boundary: string): string {
  const value = decodeCursor(cursor) as { w?: unknown; sk?: unknown } | null;
  const sk = value?.sk;
  if (value?.w !== when || typeof sk !== 'string' || !jobSummaryEntity.sortKeyPattern.test(sk)) throw badCursor();
  if (when === 'upcoming' ? sk < boundary : sk > boundary) throw badCursor();
  return sk;
}
