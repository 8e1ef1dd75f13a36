/** Service requests over the table (./entity.ts says where each lives). */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChangesQuery, StorePage } from '../kernel/types';
import type { OwedSteps } from '../followups/owed';
import type { SendClaim } from '../notifications/claims';
import { conditionalWrite } from '../data/document-client';
import { queryChanges } from '../data/changes';
import { queryList } from '../data/lists';
import { putVersionedOwing } from '../followups/owed-write';
import { stepOwner } from '../followups/port';
import { requestEntity } from './entity';
import type { RequestStatus, ServiceRequest } from './model';
import type { RequestStore } from './port';

export class DynamoRequestStore implements RequestStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getRequest(businessId: string, requestId: string, options: { consistent?: boolean } = {}): Promise<ServiceRequest | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: requestEntity.key(businessId, requestId), ...(options.consistent ? { ConsistentRead: true } : {}) }));
    return Item ? requestEntity.fromItem(Item) : null;
  }

  putRequest(request: ServiceRequest, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean> {
    return putVersionedOwing(this.doc, this.tableName, stepOwner('request', request), requestEntity.key(request.businessId, request.id), requestEntity.attributes(request), expectedVersion, owed);
  }

  listCustomerRequests(businessId: string, customerId: string, query: { limit: number; cursor: string | null }): Promise<StorePage<ServiceRequest>> {
    return queryList(
      this.doc,
      this.tableName,
      {
        partition: requestEntity.listPartition(businessId, customerId),
        forward: false,
        limit: query.limit,
        name: 'requests',
        cursor: query.cursor,
        keyOf: (requestId) => requestEntity.key(businessId, requestId),
      },
      requestEntity.fromItem,
    );
  }

  listRequestsChangedSince(businessId: string, query: ChangesQuery & { status: RequestStatus | null }): Promise<StorePage<ServiceRequest>> {
    return queryChanges(this.doc, this.tableName, requestEntity.changesPartition(businessId), query, requestEntity.fromItem, query.status ? { attribute: 'status', value: query.status } : undefined);
  }

  setConfirmationSecret(request: ServiceRequest, secretHash: string, sentAt: string | null): Promise<boolean> {
    // Outside the version: the consumer's minting is not an edit, and a newer mint replaces it.
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: requestEntity.key(request.businessId, request.id),
          UpdateExpression: 'SET confirmation.secretHash = :h, confirmation.sentAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND held = :true',
          ExpressionAttributeValues: { ':h': secretHash, ':at': sentAt, ':true': true },
        }),
      ),
    );
  }

  noticeClaim(businessId: string, requestId: string): SendClaim {
    const Key = requestEntity.key(businessId, requestId);
    const { doc, tableName: TableName } = this;
    return {
      take: (at, staleBefore) =>
        conditionalWrite(() =>
          doc.send(
            new UpdateCommand({
              TableName,
              Key,
              UpdateExpression: 'SET noticeClaimedAt = :at',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(noticeSentAt) AND (attribute_not_exists(noticeClaimedAt) OR noticeClaimedAt < :stale)',
              ExpressionAttributeValues: { ':at': at, ':stale': staleBefore },
            }),
          ),
        ),
      sent: async () => Boolean((await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item?.noticeSentAt),
      release: async (at) => {
        await conditionalWrite(() =>
          doc.send(new UpdateCommand({ TableName, Key, UpdateExpression: 'REMOVE noticeClaimedAt', ConditionExpression: 'noticeClaimedAt = :at AND attribute_not_exists(noticeSentAt)', ExpressionAttributeValues: { ':at': at } })),
        );
      },
      markSent: async (at) => {
        await doc.send(new UpdateCommand({ TableName, Key, UpdateExpression: 'SET noticeSentAt = :at', ExpressionAttributeValues: { ':at': at } }));
      },
    };
  }
}
