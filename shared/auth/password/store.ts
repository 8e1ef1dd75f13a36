/** Passwords and the wrong tries on accounts (./entity.ts). */
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, conditionalWrite } from '../../data/document-client';
import { customerEntity, toCustomer } from '../../directory/customer-entity';
import type { Customer } from '../../directory/model';
import type { OwedSteps } from '../../followups/owed';
import { putVersionedOwing } from '../../followups/owed-write';
import { passwordEntity, passwordTriesEntity, type PasswordTries, type StoredPassword } from './entity';
import type { PasswordStore } from './port';

/** A customer id no business uses: the read made when an email names nobody, so that answer takes as long. */
const nobody = 'cus_\u0000nobody';

export class DynamoPasswordStore implements PasswordStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getPassword(businessId: string, customerId: string): Promise<StoredPassword | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: passwordEntity.key(businessId, customerId), ConsistentRead: true }));
    return Item ? passwordEntity.fromItem(Item) : null;
  }

  async getCustomerWithPassword(businessId: string, customerId: string | null): Promise<{ customer: Customer | null; password: StoredPassword | null }> {
    const id = customerId ?? nobody;
    const keys = [customerEntity.key(businessId, id), passwordEntity.key(businessId, id)];
    const items = await batchGetItems(this.doc, this.tableName, keys, { consistent: true });
    const customer = items.find((i) => i.sk === keys[0]!.sk);
    const password = items.find((i) => i.sk === keys[1]!.sk);
    return { customer: customer ? toCustomer(customerEntity.fromItem(customer)) : null, password: password ? passwordEntity.fromItem(password) : null };
  }

  putPassword(password: StoredPassword, expectedVersion: number | null, owed: OwedSteps, now: string): Promise<boolean> {
    const attributes = { ...passwordEntity.attributes(password, now), ...(expectedVersion === null ? { createdAt: now } : {}) };
    return putVersionedOwing(this.doc, this.tableName, { kind: 'password', businessId: password.businessId, id: password.customerId }, passwordEntity.key(password.businessId, password.customerId), attributes, expectedVersion, owed);
  }

  async readTries(businessId: string, accountHash: string): Promise<PasswordTries | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: passwordTriesEntity.key(businessId, accountHash), ConsistentRead: true }));
    return Item ? passwordTriesEntity.fromItem(Item) : null;
  }

  reserveTry(businessId: string, accountHash: string, seen: PasswordTries | null, now: string, windowSeconds: number): Promise<boolean> {
    const windowStart = new Date(new Date(now).getTime() - windowSeconds * 1000).toISOString();
    const fresh = !seen || seen.lastAt < windowStart;
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: passwordTriesEntity.key(businessId, accountHash),
          UpdateExpression: fresh ? 'SET #count = :one, lastAt = :now, #ttl = :ttl, #type = :type' : 'ADD #count :one SET lastAt = :now, #ttl = :ttl, #type = :type',
          // Exactly the state read: of tries made at once on one read, one is counted and goes on.
          ConditionExpression: seen ? '#count = :seenCount AND lastAt = :seenAt' : 'attribute_not_exists(lastAt)',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': passwordTriesEntity.ttlAttribute, '#type': 'type' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':now': now,
            ':ttl': passwordTriesEntity.expiresAt(now, windowSeconds),
            ':type': passwordTriesEntity.type,
            ...(seen ? { ':seenCount': seen.count, ':seenAt': seen.lastAt } : {}),
          },
        }),
      ),
    );
  }

  async clearTries(businessId: string, accountHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: passwordTriesEntity.key(businessId, accountHash) }));
  }
}
