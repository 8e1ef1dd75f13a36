/** Checkouts and handled Stripe events. */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CheckoutRecord } from '../domain/model';
import type { CheckoutStore } from '../domain/ports';
import { conditionalWrite } from './document-client';
import { checkoutEntity, stripeEventEntity } from './entities/checkout';
import { versionedSetOwing, writeOwing } from './owed-write';
import type { OwedSteps } from '../followups/owed';

export class DynamoCheckoutStore implements CheckoutStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getCheckout(businessId: string, checkoutId: string, options: { consistent?: boolean } = {}): Promise<CheckoutRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: checkoutEntity.key(businessId, checkoutId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
    );
    return Item ? checkoutEntity.fromItem(Item) : null;
  }

  async putCheckout(checkout: CheckoutRecord, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean> {
    const owing = owed && { owner: { kind: 'checkout' as const, businessId: checkout.businessId, id: checkout.id }, owed };
    return writeOwing(expectedVersion === null, (mode) =>
      conditionalWrite(() =>
        this.doc.send(
          new UpdateCommand({ TableName: this.tableName, Key: checkoutEntity.key(checkout.businessId, checkout.id), ...versionedSetOwing(checkoutEntity.attributes(checkout), expectedVersion, owing, mode) }),
        ),
      ),
    );
  }

  async claimNotice(businessId: string, checkoutId: string, at: string, staleBefore: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: checkoutEntity.key(businessId, checkoutId),
          UpdateExpression: 'SET noticeClaimedAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(noticeSentAt) OR noticeSentAt = :null) AND (attribute_not_exists(noticeClaimedAt) OR noticeClaimedAt = :null OR noticeClaimedAt < :stale)',
          ExpressionAttributeValues: { ':at': at, ':null': null, ':stale': staleBefore },
        }),
      ),
    );
  }

  async markNoticeSent(businessId: string, checkoutId: string, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: checkoutEntity.key(businessId, checkoutId),
        UpdateExpression: 'SET noticeSentAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async releaseNotice(businessId: string, checkoutId: string, at: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: checkoutEntity.key(businessId, checkoutId),
          UpdateExpression: 'SET noticeClaimedAt = :null',
          ConditionExpression: 'noticeClaimedAt = :at',
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
