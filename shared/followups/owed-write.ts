/**
 * How a deciding write also records the steps it owes, in the same UpdateItem (the
 * transactional outbox of shared/followups/owed.ts): extra `SET` clauses for `versionedSet`,
 * and the one fallback a write needs for an item that has never owed anything (no `owed` map yet,
 * so `owed.<id>` is not a valid path): set the whole map, on the condition that there is none.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableDefinition } from '../data/table';
import { conditionalWrite } from '../data/document-client';
import { versionedSet } from '../data/versioned-update';
import type { OwedSteps } from './owed';
import { earliestDue } from './owed';
import type { StepOwner } from './port';
import { followUpEntity } from './entity';
import type { Key } from '../data/entity';

const { followUpIndex } = tableDefinition;

/**
 * What the steps add to an UpdateItem: `nested` adds to an existing `owed` map, `whole` creates it.
 * `key`: the owner's item (its entity's key, which the store writing it has).
 */
export function owedClauses(owner: StepOwner, key: Key, owed: OwedSteps, mode: 'nested' | 'whole') {
  const names: Record<string, string> = { '#owed': 'owed', '#owedBy': 'owedBy', '#opk': followUpIndex.partitionKey, '#osk': followUpIndex.sortKey };
  const values: Record<string, unknown> = {
    ':owedBy': owner,
    ':opk': followUpEntity.partition(followUpEntity.shardOf(key)),
    ':osk': followUpEntity.place(key, earliestDue(owed)!),
  };
  const sets = ['#owedBy = :owedBy', '#opk = :opk', '#osk = :osk'];
  if (mode === 'whole') {
    values[':owed'] = owed;
    sets.push('#owed = :owed');
  } else {
    Object.entries(owed).forEach(([id, step], i) => {
      names[`#ow${i}`] = id;
      values[`:ow${i}`] = step;
      sets.push(`#owed.#ow${i} = :ow${i}`);
    });
  }
  return { sets, names, values, extraCondition: mode === 'whole' ? 'attribute_not_exists(#owed)' : null };
}

const isInvalidPath = (error: unknown) => error instanceof Error && error.name === 'ValidationException' && /document path/i.test(error.message);

/**
 * Runs a write that owes steps: first adding to the item's `owed` map; if the item has none yet
 * (DynamoDB refuses the path), once more creating it. `creating`: the item does not exist yet, so
 * the map is created at once.
 */
export async function writeOwing<T>(creating: boolean, write: (mode: 'nested' | 'whole') => Promise<T>): Promise<T> {
  if (creating) return write('whole');
  try {
    return await write('nested');
  } catch (error) {
    if (!isInvalidPath(error)) throw error;
    return write('whole');
  }
}

/**
 * The one way a store writes a record that may owe steps: every attribute, on the version read
 * (shared/data/versioned-update.ts), plus `owed` in the same UpdateItem. False when the version
 * moved (or, with no version, the item exists).
 */
export function putVersionedOwing(doc: DynamoDBDocumentClient, tableName: string, owner: StepOwner, key: Key, attributes: Record<string, unknown>, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean> {
  const owing = owed && { owner, key, owed };
  return writeOwing(expectedVersion === null, (mode) =>
    conditionalWrite(() => doc.send(new UpdateCommand({ TableName: tableName, Key: key, ...versionedSetOwing(attributes, expectedVersion, owing, mode) }))),
  );
}

/** UpdateItem parameters for a versioned write that also owes `owed` (nothing extra when it owes nothing). */
function versionedSetOwing(
  attributes: Record<string, unknown>,
  expectedVersion: number | null,
  owing: { owner: StepOwner; key: Key; owed: OwedSteps } | undefined,
  mode: 'nested' | 'whole',
) {
  if (!owing || Object.keys(owing.owed).length === 0) return versionedSet(attributes, expectedVersion);
  const clauses = owedClauses(owing.owner, owing.key, owing.owed, mode);
  const params = versionedSet(attributes, expectedVersion, { sets: clauses.sets, names: clauses.names, values: clauses.values });
  return clauses.extraCondition ? { ...params, ConditionExpression: `(${params.ConditionExpression}) AND ${clauses.extraCondition}` } : params;
}
