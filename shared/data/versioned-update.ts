/**
 * The one way a read-modify-write path writes an item: `SET` of exactly the given attributes (so
 * server-owned attributes it does not name survive), on the condition that the `version` read is
 * still the stored one — or, with no version, that the item does not exist yet.
 */
export function versionCondition(expectedVersion: number | null): {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  return expectedVersion === null
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: '#version = :expectedVersion', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expectedVersion': expectedVersion } };
}

/** UpdateItem parameters setting `attributes` (plus any `extraSets` over extra names/values) if the version holds. */
export function versionedSet(
  attributes: Record<string, unknown>,
  expectedVersion: number | null,
  extra: { sets?: string[]; names?: Record<string, string>; values?: Record<string, unknown> } = {},
) {
  const names: Record<string, string> = { ...extra.names };
  const values: Record<string, unknown> = { ...extra.values };
  const sets = Object.entries(attributes).map(([name, value], i) => {
    names[`#a${i}`] = name;
    values[`:a${i}`] = value;
    return `#a${i} = :a${i}`;
  });
  const condition = versionCondition(expectedVersion);
  return {
    UpdateExpression: `SET ${[...sets, ...(extra.sets ?? [])].join(', ')}`,
    ConditionExpression: condition.ConditionExpression,
    ExpressionAttributeNames: { ...names, ...condition.ExpressionAttributeNames },
    ExpressionAttributeValues: { ...values, ...condition.ExpressionAttributeValues },
  };
}
