/** Numbers that replied STOP (./opt-out-entity.ts). */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '../data/document-client';
import type { TextOptOutStore } from './port';
import { textOptOutEntity } from './opt-out-entity';

export class DynamoTextOptOutStore implements TextOptOutStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async isStopped(phone: string): Promise<boolean> {
    // Consistent: a STOP received a moment ago holds for the very next text.
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: textOptOutEntity.key(phone), ConsistentRead: true }));
    return Item ? textOptOutEntity.fromItem(Item).stopped : false;
  }

  async recordReply(phone: string, stopped: boolean, repliedAt: string, now: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: textOptOutEntity.key(phone),
          UpdateExpression: 'SET #type = :type, phone = :phone, stopped = :stopped, repliedAt = :at, updatedAt = :now, createdAt = if_not_exists(createdAt, :now) ADD version :one',
          // A reply received before the one recorded changes nothing (out-of-order delivery, or a redelivery).
          ConditionExpression: 'attribute_not_exists(repliedAt) OR repliedAt < :at',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': textOptOutEntity.type, ':phone': phone, ':stopped': stopped, ':at': repliedAt, ':now': now, ':one': 1 },
        }),
      ),
    );
  }
}
