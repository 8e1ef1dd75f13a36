/**
 * A customer's password (one item in their partition, its own so that no profile read or write
 * ever carries the hash), and the tries on an account since its last success (by a hash of the
 * email, in the business's partition space, so unknown emails are counted alike and no address
 * is in a key).
 */
import * as v from 'valibot';
import { bizPrefix, epochSeconds, nullableString, parseItem, versionedEntries, type Item, type Key } from '../../data/entity';
import { tableDefinition } from '../../data/table';
import { customerEntity } from '../../directory/customer-entity';
import { OwedStepsSchema } from '../../followups/owed';

export interface StoredPassword {
  businessId: string;
  customerId: string;
  /** The Argon2id PHC string; null once removed. */
  phc: string | null;
  setAt: string;
  version: number;
}

const PasswordItem = v.object({ businessId: v.string(), customerId: v.string(), phc: nullableString, setAt: v.string(), owed: OwedStepsSchema, ...versionedEntries });

export const passwordEntity = {
  type: 'password',
  key: (businessId: string, customerId: string): Key => ({ pk: customerEntity.partition(businessId, customerId), sk: 'PASSWORD' }),
  attributes: (p: StoredPassword, now: string): Item => ({ type: passwordEntity.type, businessId: p.businessId, customerId: p.customerId, phc: p.phc, setAt: p.setAt, version: p.version, updatedAt: now }),
  fromItem: (item: Item): StoredPassword => {
    const parsed = parseItem(passwordEntity.type, PasswordItem, item);
    return { businessId: parsed.businessId, customerId: parsed.customerId, phc: parsed.phc, setAt: parsed.setAt, version: parsed.version };
  },
};

/** The tries on an account since its last success, as they were before the one being made. */
export interface PasswordTries {
  count: number;
  lastAt: string;
}

const TriesItem = v.object({ count: v.number(), lastAt: v.string() });

export const passwordTriesEntity = {
  type: 'password-tries',
  key: (businessId: string, accountHash: string): Key => ({ pk: `${bizPrefix(businessId)}#PWTRIES#${accountHash}`, sk: 'PWTRIES' }),
  ttlAttribute: tableDefinition.ttlAttribute,
  expiresAt: (now: string, windowSeconds: number) => epochSeconds(new Date(new Date(now).getTime() + windowSeconds * 1000)),
  fromItem: (item: Item): PasswordTries => parseItem(passwordTriesEntity.type, TriesItem, item),
};
