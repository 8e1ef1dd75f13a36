/**
 * Checkouts (what a customer chose to pay, and its allocation over invoices, under our id, which
 * the Stripe session names in its metadata) and the Stripe events already handled.
 */
import * as v from 'valibot';
import type { CheckoutRecord } from './model';
import { bizPrefix, epochSeconds, nullableString, parseItem, versionedEntries, type Item, type Key } from '../data/entity';
import { tableDefinition } from '../data/table';

const CheckoutItem = v.object({
  id: v.string(),
  businessId: v.string(),
  customerId: v.string(),
  stripeAccountId: v.string(),
  stripeSessionId: v.string(),
  url: v.string(),
  currency: v.string(),
  amount: v.number(),
  allocations: v.array(v.object({ invoiceId: v.string(), invoiceNumber: v.string(), amount: v.number() })),
  /** Written since receipts link a link's holder back to what their link opened; older checkouts were all taken as signed in. */
  openedWith: v.optional(v.nullable(v.object({ kind: v.picklist(['invoice', 'estimate']), id: v.string() })), null),
  status: v.picklist(['open', 'processing', 'paid', 'failed', 'expired', 'review']),
  method: nullableString,
  paymentIntentId: v.optional(nullableString, null),
  amountRefunded: v.optional(v.number(), 0),
  excessRefunds: v.optional(v.record(v.string(), v.number()), {}),
  disputed: v.optional(v.boolean(), false),
  expiresAt: v.string(),
  /** Set once the receipt or failure notice went out (shared/paying/notices.ts); never written by `attributes`. */
  noticeSentAt: v.optional(nullableString, null),
  ...versionedEntries,
});

export const checkoutEntity = {
  type: 'checkout',
  key: (businessId: string, checkoutId: string): Key => ({ pk: `${bizPrefix(businessId)}#CHECKOUT#${checkoutId}`, sk: 'CHECKOUT' }),
  /** Everything but `noticeSentAt`, which only the notice's own write sets (a stale record must never clear it). */
  attributes: ({ noticeSentAt: _sent, ...c }: CheckoutRecord): Item => ({ type: checkoutEntity.type, ...c }),
  fromItem: (item: Item): CheckoutRecord => parseItem(checkoutEntity.type, CheckoutItem, item),
};

/** Stripe retries for days: a handled event is remembered for a month, then TTL forgets it. */
const handledEventDays = 30;

export const stripeEventEntity = {
  type: 'stripeEvent',
  key: (businessId: string, eventId: string): Key => ({ pk: `${bizPrefix(businessId)}#STRIPEEVT#${eventId}`, sk: 'STRIPEEVT' }),
  toItem: (businessId: string, eventId: string, at: string): Item => ({
    ...stripeEventEntity.key(businessId, eventId),
    type: stripeEventEntity.type,
    eventId,
    handledAt: at,
    version: 1,
    createdAt: at,
    updatedAt: at,
    [tableDefinition.ttlAttribute]: epochSeconds(new Date(new Date(at).getTime() + handledEventDays * 86_400_000)),
  }),
};
