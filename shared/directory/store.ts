/** Businesses, slugs, customers and the contact → customer lookup. */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Business, Contact, Customer } from './model';
import type { ChangesQuery, StorePage } from '../kernel/types';
import type { DirectoryStore } from './port';
import { batchGetItems, conditionalWrite } from '../data/document-client';
import { businessEntity, slugEntity } from './business-entity';
import { contactEntity, customerEntity, toCustomer } from './customer-entity';
import { queryChanges } from '../data/changes';
import { versionCondition, versionedSet } from '../data/versioned-update';
import { tableDefinition } from '../data/table';
import { epochSeconds } from '../data/entity';
import type { Language } from '../contract/i18n/languages';

export class DynamoDirectoryStore implements DirectoryStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getBusiness(businessId: string): Promise<Business | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: businessEntity.key(businessId) }));
    return Item ? businessEntity.fromItem(Item) : null;
  }

  async findBusinessIdBySlug(slug: string): Promise<string | null> {
    return (await this.findSlug(slug))?.businessId ?? null;
  }

  async findSlug(slug: string): Promise<{ businessId: string; heldUntil: string | null } | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: slugEntity.key(slug) }));
    if (!Item) return null;
    const record = slugEntity.fromItem(Item);
    return { businessId: record.businessId, heldUntil: record.heldUntil ?? null };
  }

  async getCustomerWithBusiness(businessId: string, customerId: string) {
    const wanted = [customerEntity.key(businessId, customerId), businessEntity.key(businessId)];
    const items = await batchGetItems(this.doc, this.tableName, wanted);
    const customer = items.find((i) => i.pk === wanted[0]!.pk);
    const business = items.find((i) => i.pk === wanted[1]!.pk);
    if (!customer || !business) return null;
    return { customer: toCustomer(customerEntity.fromItem(customer)), business: businessEntity.fromItem(business) };
  }

  async findCustomerIdByContact(businessId: string, contact: Contact): Promise<string | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: contactEntity.key(businessId, contact.channel, contact.address) }));
    return Item ? contactEntity.fromItem(Item).customerId : null;
  }

  async getCustomer(businessId: string, customerId: string) {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: customerEntity.key(businessId, customerId), ConsistentRead: true }));
    return Item ? customerEntity.fromItem(Item) : null;
  }

  async putBusiness(business: Business, expectedVersion: number | null): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: businessEntity.toItem(business),
          ...versionCondition(expectedVersion),
        }),
      ),
    );
  }

  async claimSlug(slug: string, businessId: string, now: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: slugEntity.toItem({ slug, businessId, version: 1, createdAt: now, updatedAt: now }),
          // Free, ours already (held for us, or a retry), or a hold that has run out.
          ConditionExpression: 'attribute_not_exists(pk) OR businessId = :biz OR heldUntil < :now',
          ExpressionAttributeValues: { ':biz': businessId, ':now': now },
        }),
      ),
    );
  }

  async holdSlug(slug: string, businessId: string, heldUntil: string, now: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: slugEntity.key(slug),
          UpdateExpression: 'SET heldUntil = :until, #ttl = :ttl, updatedAt = :now ADD version :one',
          ConditionExpression: 'businessId = :biz',
          ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute },
          ExpressionAttributeValues: { ':biz': businessId, ':until': heldUntil, ':ttl': epochSeconds(heldUntil), ':now': now, ':one': 1 },
        }),
      ),
    );
  }

  async putCustomerProfile(customer: Customer, expectedVersion: number | null): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerEntity.key(customer.businessId, customer.id),
          // The profile's own attributes only: `pendingLink` (server-owned) is never touched.
          ...versionedSet(customerEntity.profileAttributes(customer), expectedVersion),
        }),
      ),
    );
  }

  async recordBrowserLanguage(businessId: string, customerId: string, language: Language, now: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerEntity.key(businessId, customerId),
          // Not the version nor updatedAt: the business's syncs see no change, its writes no conflict.
          UpdateExpression: 'SET browserLanguage = :lang, browserLanguageAt = :now',
          // Never creates a customer; a browser that says the same again writes nothing.
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(browserLanguage) OR browserLanguage <> :lang)',
          ExpressionAttributeValues: { ':lang': language, ':now': now },
        }),
      ),
    );
  }

  async claimContact(businessId: string, contact: Contact, customerId: string, now: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...contactEntity.key(businessId, contact.channel, contact.address), type: contactEntity.type, customerId, version: 1, createdAt: now, updatedAt: now },
          ConditionExpression: 'attribute_not_exists(pk) OR customerId = :cus',
          ExpressionAttributeValues: { ':cus': customerId },
        }),
      ),
    );
  }

  async releaseContact(businessId: string, contact: Contact, customerId: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: contactEntity.key(businessId, contact.channel, contact.address),
          ConditionExpression: 'customerId = :cus',
          ExpressionAttributeValues: { ':cus': customerId },
        }),
      ),
    );
  }

  async listCustomersChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<Customer>> {
    return queryChanges(this.doc, this.tableName, customerEntity.changesPartition(businessId), query, (item) => toCustomer(customerEntity.fromItem(item)));
  }

}
