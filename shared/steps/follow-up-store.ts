/**
 * The follow-up store over every item that may owe steps: the follow-up core (shared/followups)
 * names no capability, so the owner-kind → key map, which names every owner's entity, is made
 * here, above the capabilities. Each key is the owner's own entity key, the same one its store
 * writes the owed steps under.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from '../data/entity';
import type { StepOwner } from '../followups/port';
import { DynamoFollowUpStore } from '../followups/store';
import { checkoutEntity } from '../payments/entity';
import { estimateEntity, slotEntity } from '../estimates/entity';
import { invoiceEntity } from '../invoices/entity';
import { trackingVisitEntity } from '../tracking/entity';
import { customerEntity } from '../directory/customer-entity';
import { passwordEntity } from '../auth/password/entity';
import { requestEntity } from '../requests/entity';
import { submissionEntity } from '../forms/entity';

const ownerKeys: Record<StepOwner['kind'], (businessId: string, id: string) => Key> = {
  invoice: invoiceEntity.key,
  checkout: checkoutEntity.key,
  estimate: estimateEntity.key,
  slot: slotEntity.key,
  visit: trackingVisitEntity.key,
  customer: customerEntity.key,
  password: passwordEntity.key,
  request: requestEntity.key,
  submission: submissionEntity.key,
};

/** The item of the owner: its capability's entity key. */
export const ownerKey = (owner: StepOwner): Key => ownerKeys[owner.kind](owner.businessId, owner.id);

/** The follow-up store the composition roots use: the index, over every owner's key. */
export class DynamoStepFollowUpStore extends DynamoFollowUpStore {
  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    super(doc, tableName, ownerKey);
  }
}
