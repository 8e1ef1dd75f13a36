/**
 * The partitions a read route may still write (`TableWriteFamily`, shared/routes/kinds.ts): for
 * each, the partition key patterns IAM holds its writes to (`dynamodb:LeadingKeys`, StringLike:
 * `*` any run of characters, `?` one) and the write actions it needs. The patterns are made by the
 * entities' own key builders, fed wildcards, so they follow the keys if a key changes; the stack
 * tests (least-privilege.test.ts) check that no other item's partition matches them, and
 * functions/test/read-route-writes.integration.test.ts that every write a read route makes does.
 */
import { rateLimitEntity, sessionEntity } from '../../shared/auth/entity';
import { apiBudgetEntity, apiKeyEntity } from '../../shared/business-api/entity';
import type { ApiBudget } from '../../shared/contract/business/settings';
import { customerEntity } from '../../shared/directory/customer-entity';
import { newId } from '../../shared/kernel/ids';
import type { TableWriteFamily } from '../../shared/routes/kinds';

export interface PartitionFamily {
  /** `dynamodb:LeadingKeys` patterns (StringLike): a write's partition key must match one. */
  readonly patterns: readonly string[];
  /** What its writes are: each is a single-item UpdateItem (an ADD, a SET or a REMOVE). */
  readonly actions: readonly ('dynamodb:UpdateItem' | 'dynamodb:PutItem' | 'dynamodb:DeleteItem')[];
  /** What the family's writes are, for the role's reviewers. */
  readonly why: string;
}

/** Stands for any value of one key part; where a key ends after it, `*` takes the rest. */
const any = '\u0000';

/**
 * A partition key pattern from a key builder called with `any` for the parts that vary: each
 * `any` becomes `*`, and what the builder writes after the last one (a window's start, say) is
 * matched by that `*` too.
 */
export function partitionPattern(pk: string): string {
  const last = pk.lastIndexOf(any);
  if (last === -1) throw new Error(`${pk} varies in no part: a pattern for it would match one partition`);
  return pk.slice(0, last).split(any).join('*') + '*';
}

/**
 * A business id as the portal mints it (`biz_` and 22 base62 characters, shared/kernel/ids.ts)
 * with each minted character a `?`: a pattern that pins where the business id ends, so the text
 * after it (`#CUS#` for a customer's partition) cannot be found further on, in a contact lookup's
 * email address for instance.
 */
export const businessIdPattern = ((): string => {
  const minted = newId('biz', { clock: { now: () => new Date(0) }, random: { bytes: (n: number) => Buffer.alloc(n) } });
  const prefix = minted.slice(0, minted.indexOf('_') + 1);
  return prefix + '?'.repeat(minted.length - prefix.length);
})();

export const partitionFamilies: Readonly<Record<TableWriteFamily, PartitionFamily>> = {
  sessions: {
    patterns: [partitionPattern(sessionEntity.key(any).pk)],
    actions: ['dynamodb:UpdateItem'],
    why: "a signed-in request renews its session's idle timer (lastSeenAt), at most once a minute",
  },
  rateLimits: {
    patterns: [partitionPattern(rateLimitEntity.key(any, new Date(0)).pk)],
    actions: ['dynamodb:UpdateItem'],
    why: "a link that opens nothing counts a miss against the client's window",
  },
  apiKeys: {
    patterns: [partitionPattern(apiKeyEntity.key(any).pk), partitionPattern(apiBudgetEntity.key(businessIdPattern, any as ApiBudget).pk)],
    actions: ['dynamodb:UpdateItem'],
    why: "every business API request sets its key's lastUsedAt and counts against its business's budget (requests or positions), taken back if the key is then refused",
  },
  customers: {
    patterns: [partitionPattern(customerEntity.partition(businessIdPattern, any))],
    actions: ['dynamodb:UpdateItem'],
    why: "opening a job clears its unread messages (the customer's UNREAD item); opening a link notes the browser's language on the customer's profile",
  },
};

/** IAM's StringLike on one value: `*` any run of characters (none included), `?` exactly one; case-sensitive. */
export function matchesStringLike(pattern: string, value: string): boolean {
  const source = [...pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(value);
}

/** The families of `families` whose patterns match a partition key and whose actions include `action`. */
export function familiesAllowing(families: readonly TableWriteFamily[], action: string, pk: string): TableWriteFamily[] {
  return families.filter((f) => (partitionFamilies[f].actions as readonly string[]).includes(action) && partitionFamilies[f].patterns.some((p) => matchesStringLike(p, pk)));
}
