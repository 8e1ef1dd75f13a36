/** Checkouts and handled Stripe events. */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CheckoutRecord } from '../domain/model';
import type { CheckoutStore } from '../domain/ports';
import { conditionalWrite } from './document-client';
import { checkoutEntity, stripeEventEntity } from './entities/checkout';
import { versionedSet } from './versioned-update';

export class DynamoCheckoutStore implements CheckoutStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getCheckout(businessId: string, checkoutId: string, options: { consistent?: boolean } = {}): Promise<CheckoutRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: checkoutEntity.key(businessId, checkoutId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
    );
    return Item ? checkoutEntity.fromItem(Item) : null;
  }

  async putCheckout(checkout: CheckoutRecord, expectedVersion: number | null): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: checkoutEntity.key(checkout.businessId, checkout.id), ...versionedSet(checkoutEntity.attributes(checkout), expectedVersion) })),
    );
  }

  async claimNotice(businessId: string, checkoutId: string, at: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: checkoutEntity.key(businessId, checkoutId),
          UpdateExpression: 'SET noticeSentAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND noticeSentAt = :null',
          ExpressionAttributeValues: { ':at': at, ':null': null },
        }),
      ),
    );
  }

  async releaseNotice(businessId: string, checkoutId: string, at: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: checkoutEntity.key(businessId, checkoutId),
          UpdateExpression: 'SET noticeSentAt = :null',
          ConditionExpression: 'noticeSentAt = :at',
          ExpressionAttributeValues: { ':at': at, ':null': null },
        }),
      ),
    );
  }

  async eventHandled(businessId: string, eventId: string): Promise<boolean> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: stripeEventEntity.key(businessId, eventId), ConsistentRead: true }));
    return !!Item;
  }

  async markEventHandled(businessId: string, eventId: string, at: string): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: stripeEventEntity.toItem(businessId, eventId, at) }));
  }
}
