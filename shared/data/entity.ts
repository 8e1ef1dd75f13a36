/**
 * What every entity module shares: reading an item back through its valibot schema (so a use
 * case only ever sees a typed, validated record, never a cast), and the `version`/`updatedAt`
 * every item carries.
 */
import * as v from 'valibot';

export type Key = { pk: string; sk: string };
export type Item = Record<string, unknown>;

/** An item that does not match its schema: a bug or a bad migration, never the caller's fault (500). */
export class CorruptItem extends Error {
  override readonly name = 'CorruptItem';
  constructor(type: string, key: unknown, fields: string[]) {
    // Field paths only, never values: items hold personal data.
    super(`Stored ${type} item ${JSON.stringify(key)} does not match its schema at: ${fields.join(', ')}`);
  }
}

/** Parses a stored item with its schema; unknown attributes (keys, index keys, TTL) are dropped. */
export function parseItem<S extends v.GenericSchema>(type: string, schema: S, item: Item): v.InferOutput<S> {
  const result = v.safeParse(schema, item);
  if (result.success) return result.output;
  throw new CorruptItem(type, { pk: item.pk, sk: item.sk }, result.issues.map((i) => v.getDotPath(i) ?? '(item)'));
}

/** Attributes every item carries. */
export const versionedEntries = {
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  createdAt: v.string(),
  updatedAt: v.string(),
};

export const nullableString = v.nullable(v.string());

/** The attribute that makes DynamoDB's TTL remove an item eventually (expiry is checked in code too). */
export const epochSeconds = (iso: string | Date): number => Math.ceil(new Date(iso).getTime() / 1000);

/** Tenant first: every partition that holds a business's data starts with this. */
export const bizPrefix = (businessId: string): string => `BIZ#${businessId}`;
