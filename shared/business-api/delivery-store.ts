/** Webhook deliveries, in each endpoint's own partition (see docs/data-model.md). */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WebhookDeliveryRecord } from './model';
import type { StorePage } from '../kernel/types';
import type { WebhookDeliveryStore } from './port';
import { conditionalWrite } from '../data/document-client';
import { webhookDeliveryEntity } from './delivery-entity';

export class DynamoWebhookDeliveryStore implements WebhookDeliveryStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async putDelivery(delivery: WebhookDeliveryRecord): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: webhookDeliveryEntity.toItem(delivery), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  async getDelivery(businessId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: webhookDeliveryEntity.key(businessId, endpointId, deliveryId), ConsistentRead: true }));
    return Item ? webhookDeliveryEntity.fromItem(Item) : null;
  }

  async recordAttempt(
    businessId: string,
    endpointId: string,
    deliveryId: string,
    result: Pick<WebhookDeliveryRecord, 'status' | 'attempts' | 'lastAttemptAt' | 'lastResponseStatus' | 'lastError' | 'nextAttemptAt'>,
  ): Promise<void> {
    const now = result.lastAttemptAt ?? new Date().toISOString();
    // A duplicate or late message's older attempt loses to a newer one already recorded.
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: webhookDeliveryEntity.key(businessId, endpointId, deliveryId),
          UpdateExpression:
            'SET #status = :status, attempts = :attempts, lastAttemptAt = :lastAttemptAt, lastResponseStatus = :lastResponseStatus, lastError = :lastError, nextAttemptAt = :nextAttemptAt, updatedAt = :now ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND attempts <= :attempts',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': result.status,
            ':attempts': result.attempts,
            ':lastAttemptAt': result.lastAttemptAt,
            ':lastResponseStatus': result.lastResponseStatus,
            ':lastError': result.lastError,
            ':nextAttemptAt': result.nextAttemptAt,
            ':now': now,
            ':one': 1,
          },
        }),
      ),
    );
  }

  async listDeliveries(businessId: string, endpointId: string, query: { limit: number; after: string | null }): Promise<StorePage<WebhookDeliveryRecord, string>> {
    const pk = webhookDeliveryEntity.partition(businessId, endpointId);
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': webhookDeliveryEntity.prefix },
        // Ids are time-ordered: newest first.
        ScanIndexForward: false,
        Limit: query.limit + 1,
        ...(query.after ? { ExclusiveStartKey: { pk, sk: query.after } } : {}),
      }),
    );
    const page = Items.slice(0, query.limit);
    const more = Items.length > query.limit;
    return { items: page.map(webhookDeliveryEntity.fromItem), lastKey: more ? String(page[page.length - 1]!.sk) : null };
  }
}
