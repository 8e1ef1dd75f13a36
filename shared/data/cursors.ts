/**
 * Opaque cursors, made and checked by the stores only: base64url JSON of the last key read plus
 * what the query was. Checked on the way back in: the right shape, this caller's own partition,
 * the same query. A cursor from another list, another business or another `updatedSince` is a
 * 400, never a read.
 */
import { InvalidInput } from '../kernel/errors';
import type { Key } from './entity';

/** Position in the changes index (a "changed since" list). */
export interface ChangesKey extends Key {
  gsi1pk: string;
  gsi1sk: string;
}

export const badCursor = () => new InvalidInput([{ field: 'query.cursor', message: 'is not a valid cursor for this list; start again from the first page', said: { key: 'problems.field.bad-cursor' } }]);

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
}

/**
 * `<instant>#<id>`: the sort key of the changes index and of the lists index, as it may come back
 * inside a cursor (checked before use, so a forged one is a 400, not a refused start key).
 */
const instantThenId = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z#[A-Za-z0-9_-]{1,64}$/;

export const encodeChangesCursor = (key: ChangesKey, since: string | null) => encodeCursor({ k: key, s: since });

/** `queryId`: what the cursor was made for (`updatedSince`, and any filter); `since` bounds the key it may hold. */
export function decodeChangesCursor(cursor: string, partition: string, queryId: string | null, since: string | null = queryId): ChangesKey {
  const value = decodeCursor(cursor) as { k?: Partial<ChangesKey>; s?: unknown } | null;
  const k = value?.k;
  const ok =
    !!k &&
    typeof k.pk === 'string' && typeof k.sk === 'string' && typeof k.gsi1pk === 'string' && typeof k.gsi1sk === 'string' &&
    k.gsi1pk === partition &&
    // The record's own key lives in this business's partitions too.
    k.pk.startsWith(partition.replace(/#[A-Z]+$/, '#')) &&
    instantThenId.test(k.gsi1sk) &&
    (value?.s ?? null) === queryId &&
    (since === null || k.gsi1sk >= since);
  if (!ok) throw badCursor();
  return { pk: k.pk!, sk: k.sk!, gsi1pk: k.gsi1pk!, gsi1sk: k.gsi1sk! };
}

/** A cursor into one section of one job: the last sort key read, checked to be in that section. */
export function decodeSectionCursor(cursor: string, prefix: string): string {
  const value = decodeCursor(cursor) as { sk?: unknown } | null;
  const sk = value?.sk;
  if (typeof sk !== 'string' || !sk.startsWith(prefix) || sk.length > 300 || !/^[A-Z]+#[A-Za-z0-9:.#_-]+$/.test(sk)) throw badCursor();
  return sk;
}

export const encodeSectionCursor = (sk: string) => encodeCursor({ sk });

/** A cursor into one of a customer's lists (open invoices, decided estimates…): it names its list and holds a sort key of the list's shape. */
export const encodeListCursor = (list: string, sk: string) => encodeCursor({ l: list, sk });

export function decodeListCursor(cursor: string, list: string): string {
  const value = decodeCursor(cursor) as { l?: unknown; sk?: unknown } | null;
  const sk = value?.sk;
  if (value?.l !== list || typeof sk !== 'string' || !instantThenId.test(sk)) throw badCursor();
  return sk;
}
