/** The customer's own writes (./port.ts `ProfileStore`): their profile owing steps, and their pending changes of address. */
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ContactChange, Customer } from './model';
import type { ProfileStore } from './port';
import type { OwedSteps } from '../followups/owed';
import { putVersionedOwing } from '../followups/owed-write';
import { batchGetItems, conditionalWrite } from '../data/document-client';
import { customerEntity } from './customer-entity';
import { contactChangeEntity } from './contact-change-entity';

export class DynamoProfileStore implements ProfileStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  putProfileOwing(customer: Customer, expectedVersion: number, owed: OwedSteps): Promise<boolean> {
    return putVersionedOwing(this.doc, this.tableName, { kind: 'customer', businessId: customer.businessId, id: customer.id }, customerEntity.key(customer.businessId, customer.id), customerEntity.profileAttributes(customer), expectedVersion, owed);
  }

  async putContactChange(change: ContactChange): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: contactChangeEntity.toItem(change) }));
  }

  async getContactChanges(businessId: string, customerId: string): Promise<ContactChange[]> {
    const keys = (['email', 'sms'] as const).map((channel) => contactChangeEntity.key(businessId, customerId, channel));
    const items = await batchGetItems(this.doc, this.tableName, keys, { consistent: true });
    // A batch read answers in no set order (dynalite shuffles on purpose): the email's change first.
    return items.map(contactChangeEntity.fromItem).sort((a, b) => a.channel.localeCompare(b.channel));
  }

  setContactSecret(change: ContactChange, secretHash: string, now: string): Promise<boolean> {
    return this.updateIfSame(change, 'SET secretHash = :hash, sentAt = :null, updatedAt = :now ADD version :one', { ':hash': secretHash, ':null': null, ':now': now, ':one': 1 });
  }

  async markContactSent(change: ContactChange, now: string): Promise<void> {
    await this.updateIfSame(change, 'SET sentAt = :now, updatedAt = :now ADD version :one', { ':now': now, ':one': 1 });
  }

  countContactAttempt(change: ContactChange, max: number, now: string): Promise<boolean> {
    return this.updateIfSame(change, 'SET updatedAt = :now ADD attempts :one, version :one', { ':now': now, ':one': 1, ':max': max }, 'attempts < :max');
  }

  async deleteContactChange(change: ContactChange): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: contactChangeEntity.key(change.businessId, change.customerId, change.channel),
          ConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': change.id },
        }),
      ),
    );
  }

  /** An update of request `change.id` only: a newer request on the channel is another item's business. */
  private updateIfSame(change: ContactChange, update: string, values: Record<string, unknown>, extraCondition?: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: contactChangeEntity.key(change.businessId, change.customerId, change.channel),
          UpdateExpression: update,
          ConditionExpression: extraCondition ? `id = :id AND ${extraCondition}` : 'id = :id',
          ExpressionAttributeValues: { ':id': change.id, ...values },
        }),
      ),
    );
  }
}
