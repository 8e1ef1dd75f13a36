/**
 * Links that open one invoice, estimate, visit or sent form: the link under its hash, its pointers
 * (in the object's partition and in the customer's list of live links), and handled send requests.
 * The customer's list, which also reaches their sign-in links, is read by the account's live-link
 * store (shared/account/live-link-store.ts).
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ObjectLink, ObjectLinkKind } from './model';
import type { ObjectLinkStore } from './port';
import { liveLinkEntity, objectLinkEntity, objectLinkRefEntity, objectLinkSendEntity } from './entity';
import { conditionalWrite, queryPrefix } from '../data/document-client';
import { publicIdOf } from '../kernel/secrets';

export class DynamoObjectLinkStore implements ObjectLinkStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async putObjectLink(link: ObjectLink): Promise<void> {
    // The pointers first (the customer's list, the object's list): no link either cannot reach,
    // so a withdrawal or a business's revocation never misses one. A crash after them leaves
    // pointers to nothing, which both lists skip.
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: liveLinkEntity.toItem(link, publicIdOf('lnk', link.tokenHash)) }));
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: objectLinkRefEntity.toItem(link) }));
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: objectLinkEntity.toItem(link), ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async listObjectLinks(kind: ObjectLinkKind, businessId: string, objectId: string): Promise<string[]> {
    return (await queryPrefix(this.doc, this.tableName, objectLinkRefEntity.partition(kind, businessId, objectId), objectLinkRefEntity.prefix)).map(objectLinkRefEntity.fromItem);
  }

  async deleteObjectLink(kind: ObjectLinkKind, businessId: string, objectId: string, tokenHash: string): Promise<void> {
    // The link first: once it is gone the token opens nothing, whatever happens to the pointer.
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: objectLinkEntity.key(kind, tokenHash) }));
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: objectLinkRefEntity.key(kind, businessId, objectId, tokenHash) }));
  }

  async claimLinkSend(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string, at: string, staleBefore: string): Promise<boolean> {
    // New, or claimed by a send that never finished (a crash's claim expires); never once sent.
    return conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...objectLinkSendEntity.key(kind, businessId, objectId, requestId), type: objectLinkSendEntity.type, requestId, claimedAt: at, sentAt: null, version: 1, createdAt: at, updatedAt: at },
          ConditionExpression: 'attribute_not_exists(pk) OR (attribute_exists(claimedAt) AND sentAt = :null AND claimedAt < :stale)',
          ExpressionAttributeValues: { ':null': null, ':stale': staleBefore },
        }),
      ),
    );
  }

  async markLinkSent(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({ TableName: this.tableName, Key: objectLinkSendEntity.key(kind, businessId, objectId, requestId), UpdateExpression: 'SET sentAt = :at, updatedAt = :at', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':at': at } }),
    );
  }

  async linkSent(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string): Promise<boolean> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: objectLinkSendEntity.key(kind, businessId, objectId, requestId), ConsistentRead: true }));
    // A claim written before claims could expire has no `claimedAt`: it counts as sent, as it did then.
    return !!Item && (typeof Item.sentAt === 'string' || !('claimedAt' in Item));
  }

  async releaseLinkSend(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: objectLinkSendEntity.key(kind, businessId, objectId, requestId) }));
  }
}
