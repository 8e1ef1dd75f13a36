/**
 * A customer's password (one item in their partition, its own so that no profile read or write
 * ever carries the hash), and the wrong tries on an account (by a hash of the business and the
 * email, so unknown emails are counted alike and no address is in a key).
 */
import * as v from 'valibot';
import { epochSeconds, nullableString, parseItem, versionedEntries, type Item, type Key } from '../../data/entity';
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

export interface PasswordFailures {
  count: number;
  lastAt: string;
}

const FailuresItem = v.object({ count: v.number(), lastAt: v.string() });

export const passwordFailuresEntity = {
  type: 'password-failures',
  key: (accountHash: string): Key => ({ pk: `PWFAIL#${accountHash}`, sk: 'PWFAIL' }),
  ttlOf: (lastAt: string, windowSeconds: number) => ({ [tableDefinition.ttlAttribute]: epochSeconds(new Date(new Date(lastAt).getTime() + windowSeconds * 1000)) }),
  fromItem: (item: Item): PasswordFailures => parseItem(passwordFailuresEntity.type, FailuresItem, item),
};
