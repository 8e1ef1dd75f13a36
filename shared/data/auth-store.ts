/** Sign-in links, sessions and rate-limit counters: the items addressed by a secret's hash. */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Session, SignInLink } from '../domain/model';
import type { PendingLink, RateLimitStore, SessionStore, SignInLinkStore } from '../domain/ports';
import { isConditionalCheckFailed } from './document-client';
import { keys } from './keys';
import { tableDefinition } from './table';

const epochSeconds = (iso: string | Date) => Math.ceil(new Date(iso).getTime() / 1000);

export class DynamoAuthStore implements SignInLinkStore, SessionStore, RateLimitStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async putLink(link: SignInLink): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.signInLink(link.tokenHash), type: 'signInLink', ...link, [tableDefinition.ttlAttribute]: epochSeconds(link.expiresAt) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async deleteLink(tokenHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.signInLink(tokenHash) }));
  }

  async swapPendingLink(businessId: string, customerId: string, expected: PendingLink | null, next: PendingLink): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.customer(businessId, customerId),
          UpdateExpression: 'SET pendingLink = :next',
          ConditionExpression: expected
            ? 'pendingLink.tokenHash = :expected'
            : 'attribute_exists(pk) AND attribute_not_exists(pendingLink)',
          ExpressionAttributeValues: { ':next': next, ...(expected ? { ':expected': expected.tokenHash } : {}) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async consumeLink(tokenHash: string): Promise<SignInLink | null> {
    try {
      const { Attributes } = await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.signInLink(tokenHash),
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (!Attributes) return null;
      const { businessId, customer, issuedAt, expiresAt } = Attributes as SignInLink;
      return { tokenHash, businessId, customer, issuedAt, expiresAt };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
  }

  async putSession(session: Session): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.session(session.idHash), type: 'session', ...session, [tableDefinition.ttlAttribute]: epochSeconds(session.absoluteExpiresAt) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getSession(idHash: string): Promise<Session | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.session(idHash) }));
    if (!Item) return null;
    const { businessId, customerId, createdAt, lastSeenAt, absoluteExpiresAt } = Item as Session;
    return { idHash, businessId, customerId, createdAt, lastSeenAt, absoluteExpiresAt };
  }

  async touchSession(idHash: string, lastSeenAt: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.session(idHash),
          UpdateExpression: 'SET lastSeenAt = :at',
          // Never resurrect a session that sign-out deleted in the meantime.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': lastSeenAt },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.session(idHash) }));
  }

  async hit(counter: string, windowStart: Date, windowSeconds: number, limit: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rateLimit(counter, windowStart),
          UpdateExpression: 'ADD hits :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': epochSeconds(windowStart) + windowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
