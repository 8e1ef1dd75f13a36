/** The customer's unread messages from the business, by job (./unread-entity.ts). */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '../data/document-client';
import type { UnreadStore } from './port';
import { unreadEntity, type UnreadJob } from './unread-entity';

export class DynamoUnreadStore implements UnreadStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async markUnread(businessId: string, customerId: string, job: { id: string; number: string; title: string }, messageId: string, now: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: unreadEntity.key(businessId, customerId),
        UpdateExpression: 'ADD #ids :ids, version :one SET #job = :job, #type = :type, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)',
        ExpressionAttributeNames: { '#ids': unreadEntity.idsAttribute(job.id), '#job': unreadEntity.jobAttribute(job.id), '#type': 'type' },
        ExpressionAttributeValues: { ':ids': new Set([messageId]), ':one': 1, ':job': { number: job.number, title: job.title }, ':type': unreadEntity.type, ':now': now },
      }),
    );
  }

  async markRead(businessId: string, customerId: string, jobId: string, now: string): Promise<void> {
    // Only when something was unread: opening a job with nothing new writes nothing.
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: unreadEntity.key(businessId, customerId),
          UpdateExpression: 'REMOVE #ids, #job SET updatedAt = :now ADD version :one',
          ConditionExpression: 'attribute_exists(#ids)',
          ExpressionAttributeNames: { '#ids': unreadEntity.idsAttribute(jobId), '#job': unreadEntity.jobAttribute(jobId) },
          ExpressionAttributeValues: { ':now': now, ':one': 1 },
        }),
      ),
    );
  }

  async unreadJobs(businessId: string, customerId: string): Promise<UnreadJob[]> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: unreadEntity.key(businessId, customerId) }));
    return unreadEntity.fromItem(Item);
  }
}
