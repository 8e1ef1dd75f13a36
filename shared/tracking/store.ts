/** Technician visits: the one item per job the tracking page reads and positions update. */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TrackedPosition, TrackingVisitRecord } from './model';
import type { TrackingStore } from './port';
import { trackingVisitEntity } from './entity';
import { putVersionedOwing } from '../followups/owed-write';
import { stepOwner } from '../followups/port';
import type { OwedSteps } from '../followups/owed';
import { conditionalWrite } from '../data/document-client';

export class DynamoTrackingStore implements TrackingStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getVisit(businessId: string, jobId: string, options: { consistent?: boolean } = {}): Promise<TrackingVisitRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: trackingVisitEntity.key(businessId, jobId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
    );
    return Item ? trackingVisitEntity.fromItem(Item) : null;
  }

  async putVisit(visit: TrackingVisitRecord, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean> {
    return putVersionedOwing(this.doc, this.tableName, stepOwner('visit', { businessId: visit.businessId, id: visit.jobId }), trackingVisitEntity.key(visit.businessId, visit.jobId), trackingVisitEntity.attributes(visit), expectedVersion, owed);
  }

  async recordPosition(businessId: string, jobId: string, position: TrackedPosition, now: string): Promise<boolean> {
    // The one write per update: only on a live, en-route visit, and only a newer fix than the
    // stored one (a late or repeated update changes nothing). No read first.
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: trackingVisitEntity.key(businessId, jobId),
          UpdateExpression: 'SET #position = :position, updatedAt = :now, #version = #version + :one',
          ConditionExpression: 'attribute_exists(pk) AND #status = :enRoute AND expiresAt > :now AND (attribute_not_exists(#position.#at) OR #position.#at < :at)',
          ExpressionAttributeNames: { '#position': 'position', '#at': 'at', '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':position': position, ':now': now, ':one': 1, ':enRoute': 'en_route', ':at': position.at },
        }),
      ),
    );
  }
}
