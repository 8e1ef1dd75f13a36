/**
 * Claims on a notice that has no record of its own to carry them (an address changed): one small
 * item per notice in the customer's partition, taken, given back or marked sent exactly as the
 * claims on a checkout or a message are (./claims.ts). It expires after 90 days.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '../data/document-client';
import { epochSeconds, type Key } from '../data/entity';
import { tableDefinition } from '../data/table';
import { customerEntity } from '../directory/customer-entity';
import type { SendClaim } from './claims';

const keepMs = 90 * 24 * 3600_000;

export const noticeClaimEntity = {
  type: 'notice-claim',
  key: (businessId: string, customerId: string, noticeId: string): Key => ({ pk: customerEntity.partition(businessId, customerId), sk: `NOTICE#${noticeId}` }),
};

export class DynamoNoticeClaimStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  claimFor(businessId: string, customerId: string, noticeId: string): SendClaim {
    const Key = noticeClaimEntity.key(businessId, customerId, noticeId);
    const { doc, tableName: TableName } = this;
    return {
      take: (at, staleBefore) =>
        conditionalWrite(() =>
          doc.send(
            new PutCommand({
              TableName,
              Item: { ...Key, type: noticeClaimEntity.type, claimedAt: at, [tableDefinition.ttlAttribute]: epochSeconds(new Date(new Date(at).getTime() + keepMs)) },
              ConditionExpression: 'attribute_not_exists(pk) OR (attribute_not_exists(sentAt) AND claimedAt < :stale)',
              ExpressionAttributeValues: { ':stale': staleBefore },
            }),
          ),
        ),
      sent: async () => Boolean((await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item?.sentAt),
      release: async (at) => {
        await conditionalWrite(() =>
          doc.send(new DeleteCommand({ TableName, Key, ConditionExpression: 'claimedAt = :at AND attribute_not_exists(sentAt)', ExpressionAttributeValues: { ':at': at } })),
        );
      },
      markSent: async (at) => {
        await doc.send(new UpdateCommand({ TableName, Key, UpdateExpression: 'SET sentAt = :at', ExpressionAttributeValues: { ':at': at } }));
      },
    };
  }
}
