/** Checkouts and handled Stripe events. */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CheckoutRecord } from './model';
import type { CheckoutStore, NoticeSlot } from './port';
import { conditionalWrite } from '../data/document-client';
import { checkoutEntity, stripeEventEntity } from './entity';
import { putVersionedOwing } from '../followups/owed-write';
import { stepOwner } from '../followups/port';
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
    return putVersionedOwing(this.doc, this.tableName, stepOwner('checkout', checkout), checkoutEntity.key(checkout.businessId, checkout.id), checkoutEntity.attributes(checkout), expectedVersion, owed);
  }

  async claimNotice(businessId: string, checkoutId: string, at: string, staleBefore: string, which: NoticeSlot = 'ending'): Promise<boolean> {
    const { sent, claimed } = noticeAttributes(which);
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: checkoutEntity.key(businessId, checkoutId),
          UpdateExpression: 'SET #claimed = :at',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#sent) OR #sent = :null) AND (attribute_not_exists(#claimed) OR #claimed = :null OR #claimed < :stale)',
          ExpressionAttributeNames: { '#sent': sent, '#claimed': claimed },
          ExpressionAttributeValues: { ':at': at, ':null': null, ':stale': staleBefore },
        }),
      ),
    );
  }

  async noticeSent(businessId: string, checkoutId: string, which: NoticeSlot = 'ending'): Promise<boolean> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: checkoutEntity.key(businessId, checkoutId), ConsistentRead: true }));
    return typeof Item?.[noticeAttributes(which).sent] === 'string';
  }

  async markNoticeSent(businessId: string, checkoutId: string, at: string, which: NoticeSlot = 'ending'): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: checkoutEntity.key(businessId, checkoutId),
        UpdateExpression: 'SET #sent = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#sent': noticeAttributes(which).sent },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async releaseNotice(businessId: string, checkoutId: string, at: string, which: NoticeSlot = 'ending'): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: checkoutEntity.key(businessId, checkoutId),
          UpdateExpression: 'SET #claimed = :null',
          ConditionExpression: '#claimed = :at',
          ExpressionAttributeNames: { '#claimed': noticeAttributes(which).claimed },
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

/** Where a notice's claim and send are kept: the checkout's end (receipt or failure), or the refund of an invoice's duplicate. */
function noticeAttributes(which: NoticeSlot): { sent: string; claimed: string } {
  if (which === 'ending') return { sent: 'noticeSentAt', claimed: 'noticeClaimedAt' };
  return { sent: `refundNoticeSentAt_${which.refundOf}`, claimed: `refundNoticeClaimedAt_${which.refundOf}` };
}
