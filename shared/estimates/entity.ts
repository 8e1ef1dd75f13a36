/**
 * An estimate: its own item (what the business wrote, plus the server-owned status, decision and
 * booking), the drawn signature's PNG as its own item in the estimate's partition (keyed by the
 * image's SHA-256, written once), and the business's appointment slots.
 *
 * The customer's "open" and "decided" lists are the lists index: the estimate item carries
 * `gsi2pk = …#ESTIMATES#<open|decided>` and `gsi2sk`, and the one conditional write that decides
 * the estimate moves it. Open reads soonest-expiring first from now on (`gsi2sk` starts with
 * `expiresAt`, so an expired estimate drops out of the list by the key condition alone); decided
 * reads newest decision first.
 */
import * as v from 'valibot';
import { estimateListOf, type EstimateList } from './model';
import type { EstimateRecord, SlotRecord } from './model';
import { tableDefinition } from '../data/table';
import { bizPrefix, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { customerEntity } from '../directory/customer-entity';
import { InvoiceLineItem } from '../invoices/entity';
import { AddressItem } from '../jobs/entity';

const Option = v.object({ id: v.string(), name: v.string(), description: v.string(), lines: v.array(InvoiceLineItem), taxAmount: v.number(), recommended: v.boolean() });
const nullableNumber = v.nullable(v.number());

const Decision = v.pipe(
  v.object({
    kind: v.picklist(['approved', 'declined']),
    at: v.string(),
    revision: v.number(),
    documentHash: v.string(),
    via: v.picklist(['session', 'link']),
    ip: nullableString,
    userAgent: nullableString,
    requestId: v.string(),
    optionId: nullableString,
    signerName: nullableString,
    // Written since signing by typing became possible on every estimate (below: what older records mean).
    signatureMethod: v.optional(v.nullable(v.picklist(['drawn', 'typed']))),
    typedSignature: v.optional(nullableString),
    signatureImageHash: nullableString,
    depositInvoiceId: nullableString,
    depositAmount: nullableNumber,
    reason: nullableString,
  }),
  // A record from before: a drawing means drawn, a name without one was typed (the name was the signature).
  v.transform((d) => ({
    ...d,
    signatureMethod: d.signatureMethod !== undefined ? d.signatureMethod : d.signatureImageHash ? ('drawn' as const) : d.signerName ? ('typed' as const) : null,
    typedSignature: d.typedSignature !== undefined ? d.typedSignature : !d.signatureImageHash && d.signerName ? d.signerName : null,
  })),
);

const Booking = v.object({ slotId: v.string(), start: v.string(), end: v.string(), jobId: v.string(), at: v.string(), requestId: v.string() });

const EstimateItem = v.object({
  businessId: v.string(),
  id: v.string(),
  customerId: v.string(),
  jobId: nullableString,
  number: v.string(),
  title: v.string(),
  currency: v.string(),
  expiresAt: v.string(),
  terms: v.string(),
  options: v.array(Option),
  signature: v.picklist(['none', 'typed', 'drawn']),
  deposit: v.nullable(v.union([v.object({ percent: v.number() }), v.object({ amount: v.number() })])),
  scheduling: v.nullable(v.object({ durationMinutes: v.number() })),
  address: v.nullable(AddressItem),
  revision: v.number(),
  sentAt: v.string(),
  status: v.picklist(['sent', 'approved', 'declined', 'scheduled']),
  decision: v.nullable(Decision),
  booking: v.nullable(Booking),
  ...versionedEntries,
});

const { changesIndex, listsIndex } = tableDefinition;

export const estimateEntity = {
  type: 'estimate',
  partition: (businessId: string, estimateId: string) => `${bizPrefix(businessId)}#EST#${estimateId}`,
  key: (businessId: string, estimateId: string): Key => ({ pk: estimateEntity.partition(businessId, estimateId), sk: 'ESTIMATE' }),
  changesPartition: (businessId: string) => `${bizPrefix(businessId)}#ESTIMATES`,
  listPartition: (businessId: string, customerId: string, list: EstimateList) => `${customerEntity.partition(businessId, customerId)}#ESTIMATES#${list}`,
  listSortKey: (estimate: Pick<EstimateRecord, 'id' | 'status' | 'expiresAt' | 'decision'>) =>
    `${estimateListOf(estimate.status) === 'open' ? estimate.expiresAt : estimate.decision!.at}#${estimate.id}`,
  listReadsForward: (list: EstimateList) => list === 'open',
  /** Every attribute of the estimate, with both index entries derived from it. */
  attributes: (estimate: EstimateRecord): Item => ({
    type: estimateEntity.type,
    ...estimate,
    [changesIndex.partitionKey]: estimateEntity.changesPartition(estimate.businessId),
    [changesIndex.sortKey]: `${estimate.updatedAt}#${estimate.id}`,
    [listsIndex.partitionKey]: estimateEntity.listPartition(estimate.businessId, estimate.customerId, estimateListOf(estimate.status)),
    [listsIndex.sortKey]: estimateEntity.listSortKey(estimate),
  }),
  fromItem: (item: Item): EstimateRecord => parseItem(estimateEntity.type, EstimateItem, item),
};

/** A drawn signature, as the customer drew it: written once under its own hash, never changed. */
export const signatureImageEntity = {
  type: 'signatureImage',
  key: (businessId: string, estimateId: string, imageHash: string): Key => ({ pk: estimateEntity.partition(businessId, estimateId), sk: `SIGNATURE#${imageHash}` }),
};

const SlotItem = v.object({
  businessId: v.string(),
  id: v.string(),
  start: v.string(),
  end: v.string(),
  bookedBy: nullableString,
  bookedAt: nullableString,
  ...versionedEntries,
});

/**
 * An appointment slot. While open it is in the business's open-slots list (lists index, by
 * start time); the one conditional write that books it takes it out, so it is booked once.
 */
export const slotEntity = {
  type: 'slot',
  key: (businessId: string, slotId: string): Key => ({ pk: `${bizPrefix(businessId)}#SLOT#${slotId}`, sk: 'SLOT' }),
  openListPartition: (businessId: string) => `${bizPrefix(businessId)}#SLOTS#open`,
  openListSortKey: (slot: Pick<SlotRecord, 'start' | 'id'>) => `${slot.start}#${slot.id}`,
  /** An open slot's attributes, in its list. */
  attributes: (slot: SlotRecord): Item => ({
    type: slotEntity.type,
    ...slot,
    ...(slot.bookedBy ? {} : { [listsIndex.partitionKey]: slotEntity.openListPartition(slot.businessId), [listsIndex.sortKey]: slotEntity.openListSortKey(slot) }),
  }),
  fromItem: (item: Item): SlotRecord => parseItem(slotEntity.type, SlotItem, item),
};
