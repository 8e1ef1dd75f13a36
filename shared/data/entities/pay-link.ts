/**
 * Invoice pay links: a capability token that opens one invoice, with no sign-in. Stored under
 * its hash in its own key space (`PAYLINK#`), apart from sign-in links (`LINK#`): a pay-link token
 * can never be used up as a sign-in, whatever it is posted to. A pointer in the invoice's
 * partition lists the invoice's links, so the business can revoke them.
 */
import * as v from 'valibot';
import type { PayLink } from '../../domain/model';
import { tableDefinition } from '../table';
import { epochSeconds, parseItem, type Item, type Key } from '../entity';
import { invoiceEntity } from './invoice';

const PayLinkItem = v.object({ tokenHash: v.string(), businessId: v.string(), customerId: v.string(), invoiceId: v.string(), issuedAt: v.string(), expiresAt: v.string() });

export const payLinkEntity = {
  type: 'payLink',
  key: (tokenHash: string): Key => ({ pk: `PAYLINK#${tokenHash}`, sk: 'PAYLINK' }),
  toItem: (link: PayLink): Item => ({
    ...payLinkEntity.key(link.tokenHash),
    type: payLinkEntity.type,
    ...link,
    version: 1,
    createdAt: link.issuedAt,
    updatedAt: link.issuedAt,
    [tableDefinition.ttlAttribute]: epochSeconds(link.expiresAt),
  }),
  fromItem: (item: Item): PayLink => parseItem(payLinkEntity.type, PayLinkItem, item),
};

const PayLinkRefItem = v.object({ tokenHash: v.string() });

/** The invoice's list of its pay links (for revoking), and of the send requests already handled. */
export const payLinkRefEntity = {
  type: 'payLinkRef',
  prefix: 'PAYLINK#',
  key: (businessId: string, invoiceId: string, tokenHash: string): Key => ({ pk: invoiceEntity.partition(businessId, invoiceId), sk: `PAYLINK#${tokenHash}` }),
  toItem: (businessId: string, invoiceId: string, link: PayLink): Item => ({
    ...payLinkRefEntity.key(businessId, invoiceId, link.tokenHash),
    type: payLinkRefEntity.type,
    tokenHash: link.tokenHash,
    version: 1,
    createdAt: link.issuedAt,
    updatedAt: link.issuedAt,
    // Gone with its link: an expired link needs no revoking.
    [tableDefinition.ttlAttribute]: epochSeconds(link.expiresAt),
  }),
  fromItem: (item: Item) => parseItem(payLinkRefEntity.type, PayLinkRefItem, item).tokenHash,
};

/** A send request handled: a redelivered queue message finds it and sends nothing twice. */
export const payLinkSendEntity = {
  type: 'payLinkSend',
  key: (businessId: string, invoiceId: string, requestId: string): Key => ({ pk: invoiceEntity.partition(businessId, invoiceId), sk: `PAYLINKSEND#${requestId}` }),
};
