/**
 * A service request: one item in its own partition. It enters the business's "changed since"
 * list (the changes index) once the business may see it (a website request: once confirmed) and
 * its customer's list (the lists index, newest first) once it has a customer; a held request is in
 * neither and expires by TTL at the end of its confirmation window (checked in code as well).
 * The claim on its "scheduled" / "declined" notice is kept on the item outside its version
 * (`noticeClaimedAt`, `noticeSentAt`), so the business's later writes never touch it.
 */
import * as v from 'valibot';
import type { ServiceRequest } from './model';
import { tableDefinition } from '../data/table';
import { bizPrefix, epochSeconds, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { customerEntity } from '../directory/customer-entity';
import { AddressItem } from '../jobs/entity';
import { REQUEST_STATUSES, REQUEST_URGENCIES } from '../contract/customer/requests';

const RequestItem = v.object({
  businessId: v.string(),
  id: v.string(),
  source: v.picklist(['portal', 'website']),
  customerId: nullableString,
  contact: v.nullable(v.object({ name: v.string(), email: v.string(), phone: nullableString })),
  language: v.string(),
  held: v.boolean(),
  status: v.picklist(REQUEST_STATUSES),
  service: v.nullable(v.object({ id: v.string(), name: v.string() })),
  description: v.string(),
  address: AddressItem,
  asSoonAsPossible: v.boolean(),
  windows: v.array(v.object({ start: v.string(), end: v.string() })),
  urgency: v.picklist(REQUEST_URGENCIES),
  files: v.array(v.object({ id: v.string(), fileName: v.string(), contentType: v.string(), sizeBytes: v.number(), key: v.string() })),
  jobId: nullableString,
  declineReason: nullableString,
  decidedAt: nullableString,
  confirmation: v.nullable(v.object({ secretHash: nullableString, sentAt: nullableString, expiresAt: v.string(), confirmedAt: nullableString })),
  ...versionedEntries,
});

const { changesIndex, listsIndex, ttlAttribute } = tableDefinition;

export const requestEntity = {
  type: 'request',
  key: (businessId: string, requestId: string): Key => ({ pk: `${bizPrefix(businessId)}#REQ#${requestId}`, sk: 'REQUEST' }),
  changesPartition: (businessId: string) => `${bizPrefix(businessId)}#REQUESTS`,
  listPartition: (businessId: string, customerId: string) => `${customerEntity.partition(businessId, customerId)}#REQUESTS`,
  /**
   * Every attribute, with the index entries it has earned: the business's list once not held, the
   * customer's once it has one. A request never loses them (it is never held again, nor detached).
   */
  attributes: (request: ServiceRequest): Item => ({
    type: requestEntity.type,
    ...request,
    // Held: gone at the end of its confirmation window. Confirmed: kept (NULL is not a TTL).
    [ttlAttribute]: request.held && request.confirmation ? epochSeconds(request.confirmation.expiresAt) : null,
    ...(request.held ? {} : { [changesIndex.partitionKey]: requestEntity.changesPartition(request.businessId), [changesIndex.sortKey]: `${request.updatedAt}#${request.id}` }),
    ...(request.held || !request.customerId
      ? {}
      : { [listsIndex.partitionKey]: requestEntity.listPartition(request.businessId, request.customerId), [listsIndex.sortKey]: `${request.createdAt}#${request.id}` }),
  }),
  fromItem: (item: Item): ServiceRequest => parseItem(requestEntity.type, RequestItem, item) as ServiceRequest,
};
