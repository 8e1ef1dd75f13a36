/** Sign-in links, sessions and rate-limit counters: the items addressed by a secret's hash or a counter name. */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { liveLinkEntity, objectLinkEntity } from '../links/entity';
import type { Session, SignInLink } from './model';
import type { CapabilityLink, RateLimitStore, SessionStore, SignInLinkStore } from './port';
import type { PendingLink } from '../directory/model';
import { batchGetItems, conditionalWrite, isConditionalCheckFailed, queryPrefix } from '../data/document-client';
import { rateLimitEntity, sessionEntity, sessionPointerEntity, signInLinkEntity } from './entity';
import { publicIdOf } from '../kernel/secrets';
import { customerEntity } from '../directory/customer-entity';
import { epochSeconds } from '../data/entity';
import { tableDefinition } from '../data/table';

export class DynamoAuthStore implements SignInLinkStore, SessionStore, RateLimitStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async putLink(link: SignInLink): Promise<void> {
    // Its pointer in the customer's list of live links first: no link the list cannot reach.
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: liveLinkEntity.toItem({ kind: 'sign-in', ...link }, publicIdOf('lnk', link.tokenHash)) }));
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: signInLinkEntity.toItem(link), ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async deleteLink(tokenHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: signInLinkEntity.key(tokenHash) }));
  }

  async findCapabilityLink(tokenHash: string): Promise<CapabilityLink | null> {
    // Every key space in one round trip: a token is one kind of link, never two.
    const keys = [signInLinkEntity.key(tokenHash), ...objectLinkEntity.kinds.map((kind) => objectLinkEntity.key(kind, tokenHash))];
    const [item] = await batchGetItems(this.doc, this.tableName, keys);
    if (!item) return null;
    return item.type === objectLinkEntity.type ? { kind: 'object', link: objectLinkEntity.fromItem(item) } : { kind: 'sign-in', link: signInLinkEntity.fromItem(item) };
  }

  async swapPendingLink(businessId: string, customerId: string, expected: PendingLink | null, next: PendingLink): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerEntity.key(businessId, customerId),
          UpdateExpression: 'SET pendingLink = :next',
          ConditionExpression: expected
            ? 'pendingLink.tokenHash = :expected'
            : 'attribute_exists(pk) AND (attribute_not_exists(pendingLink) OR pendingLink = :null)',
          ExpressionAttributeValues: { ':next': next, ...(expected ? { ':expected': expected.tokenHash } : { ':null': null }) },
        }),
      ),
    );
  }

  async markLinkSent(businessId: string, customerId: string, tokenHash: string, sentAt: string): Promise<void> {
    // Fails (quietly) when a newer request replaced the pointer meanwhile: its own send is recorded.
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerEntity.key(businessId, customerId),
          UpdateExpression: 'SET pendingLink.sentAt = :sentAt',
          ConditionExpression: 'pendingLink.tokenHash = :hash',
          ExpressionAttributeValues: { ':sentAt': sentAt, ':hash': tokenHash },
        }),
      ),
    );
  }

  async consumeLink(tokenHash: string): Promise<SignInLink | null> {
    try {
      const { Attributes } = await this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: signInLinkEntity.key(tokenHash), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' }),
      );
      return Attributes ? signInLinkEntity.fromItem(Attributes) : null;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
  }

  async putSession(session: Session): Promise<void> {
    // The pointer first: a session the customer's list cannot reach must never exist (sign out everywhere else would miss it).
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: sessionPointerEntity.toItem(session, publicIdOf('ses', session.idHash)) }));
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: sessionEntity.toItem(session), ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async listSessions(businessId: string, customerId: string): Promise<Session[]> {
    const pointers = await queryPrefix(this.doc, this.tableName, customerEntity.partition(businessId, customerId), sessionPointerEntity.prefix, { consistent: true });
    const items = await batchGetItems(this.doc, this.tableName, pointers.map((p) => sessionEntity.key(sessionPointerEntity.fromItem(p))), { consistent: true });
    // A pointer is only a hint: the session must still exist and be this customer's.
    return items.map(sessionEntity.fromItem).filter((s) => s.businessId === businessId && s.customerId === customerId);
  }

  async revokeSession(session: Session): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: sessionEntity.key(session.idHash) }));
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: sessionPointerEntity.key(session.businessId, session.customerId, publicIdOf('ses', session.idHash)) }));
  }

  async getSession(idHash: string): Promise<Session | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: sessionEntity.key(idHash) }));
    return Item ? sessionEntity.fromItem(Item) : null;
  }

  async touchSession(idHash: string, lastSeenAt: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionEntity.key(idHash),
          UpdateExpression: 'SET lastSeenAt = :at, updatedAt = :at ADD version :one',
          // Never recreate a session that sign-out deleted meanwhile.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': lastSeenAt, ':one': 1 },
        }),
      ),
    );
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: sessionEntity.key(idHash) }));
  }

  async count(key: string, windowStart: Date): Promise<number> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: rateLimitEntity.key(key, windowStart), ConsistentRead: true }));
    return typeof Item?.hits === 'number' ? Item.hits : 0;
  }

  async hit(key: string, windowStart: Date, windowSeconds: number, limit: number): Promise<boolean> {
    const now = new Date().toISOString();
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rateLimitEntity.key(key, windowStart),
          UpdateExpression: 'ADD hits :one, version :one SET #ttl = if_not_exists(#ttl, :ttl), #type = :type, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute, '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': epochSeconds(new Date(windowStart.getTime() + windowSeconds * 1000)), ':type': rateLimitEntity.type, ':now': now },
        }),
      ),
    );
  }
}
