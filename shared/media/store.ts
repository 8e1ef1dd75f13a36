/** Media uploads: a conditional put when one starts, one update when it is published. */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '../data/document-client';
import { mediaEntity } from './entity';
import type { MediaRecord } from './model';
import type { MediaStore } from './port';

export class DynamoMediaStore implements MediaStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async addUpload(record: MediaRecord): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...mediaEntity.key(record.businessId, record.id), type: mediaEntity.type, ...record, version: 1, updatedAt: record.createdAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async getUpload(businessId: string, mediaId: string, options: { consistent?: boolean } = {}): Promise<MediaRecord | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: mediaEntity.key(businessId, mediaId), ...(options.consistent ? { ConsistentRead: true } : {}) }));
    return Item ? mediaEntity.fromItem(Item) : null;
  }

  async markPublished(businessId: string, mediaId: string, published: { url: string; width: number; height: number }, now: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: mediaEntity.key(businessId, mediaId),
        UpdateExpression: 'SET #status = :ready, #url = :url, width = :width, height = :height, updatedAt = :now ADD version :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status', '#url': 'url' },
        ExpressionAttributeValues: { ':ready': 'ready', ':url': published.url, ':width': published.width, ':height': published.height, ':now': now, ':one': 1 },
      }),
    );
  }
}
