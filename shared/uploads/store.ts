/** Customer uploads: a conditional put when one starts, a conditional update for each change after. */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '../data/document-client';
import { epochSeconds } from '../data/entity';
import { uploadEntity } from './entity';
import type { UploadRecord } from './model';
import type { UploadStore } from './port';

export class DynamoUploadStore implements UploadStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async addUpload(record: UploadRecord): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: uploadEntity.toItem(record), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  async getUpload(uploadId: string, options: { consistent?: boolean } = {}): Promise<UploadRecord | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: uploadEntity.key(uploadId), ...(options.consistent ? { ConsistentRead: true } : {}) }));
    return Item ? uploadEntity.fromItem(Item) : null;
  }

  async settleUpload(uploadId: string, status: 'ready' | 'refused'): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: uploadEntity.key(uploadId),
          UpdateExpression: 'SET #status = :status',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':pending': 'pending' },
        }),
      ),
    );
  }

  async holdUpload(uploadId: string, claimedBy: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: uploadEntity.key(uploadId),
          UpdateExpression: 'SET claimedBy = :by',
          ConditionExpression: '#status = :ready AND (claimedBy = :null OR claimedBy = :by)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':by': claimedBy, ':ready': 'ready', ':null': null },
        }),
      ),
    );
  }

  async releaseUpload(uploadId: string, claimedBy: string, expiresAt: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: uploadEntity.key(uploadId),
          UpdateExpression: 'SET claimedBy = :null, #key = :null, expiresAtEpoch = :epoch',
          ConditionExpression: 'claimedBy = :by',
          ExpressionAttributeNames: { '#key': 'key' },
          ExpressionAttributeValues: { ':by': claimedBy, ':null': null, ':epoch': epochSeconds(expiresAt) },
        }),
      ),
    );
  }

  async claimUploadUntil(uploadId: string, claimedBy: string, key: string, expiresAt: string): Promise<boolean> {
    const claimed = await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: uploadEntity.key(uploadId),
          // Only an unclaimed upload takes the expiry: a repeat must not put one back on a claim already confirmed.
          UpdateExpression: 'SET claimedBy = :by, #key = :key, expiresAtEpoch = :epoch',
          ConditionExpression: '#status = :ready AND claimedBy = :null',
          ExpressionAttributeNames: { '#status': 'status', '#key': 'key' },
          ExpressionAttributeValues: { ':by': claimedBy, ':key': key, ':epoch': epochSeconds(expiresAt), ':ready': 'ready', ':null': null },
        }),
      ),
    );
    if (claimed) return true;
    // Refused: already this claimant's (a repeat) is as good as claimed; anyone else's is not.
    return (await this.getUpload(uploadId, { consistent: true }))?.claimedBy === claimedBy;
  }

  async confirmUpload(uploadId: string, claimedBy: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: uploadEntity.key(uploadId),
          UpdateExpression: 'REMOVE expiresAtEpoch',
          ConditionExpression: 'claimedBy = :by',
          ExpressionAttributeValues: { ':by': claimedBy },
        }),
      ),
    );
  }

  async claimUpload(uploadId: string, claimedBy: string, key: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: uploadEntity.key(uploadId),
          // Kept for good: the TTL goes with the claim. A repeat by the same claimant changes nothing.
          UpdateExpression: 'SET claimedBy = :by, #key = :key REMOVE expiresAtEpoch',
          ConditionExpression: '#status = :ready AND (claimedBy = :null OR claimedBy = :by)',
          ExpressionAttributeNames: { '#status': 'status', '#key': 'key' },
          ExpressionAttributeValues: { ':by': claimedBy, ':key': key, ':ready': 'ready', ':null': null },
        }),
      ),
    );
  }
}
