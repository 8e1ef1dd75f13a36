/**
 * The one DynamoDB table: its key schema and its secondary indexes, as used by the CDK stack
 * and by the local stack (which creates it in dynalite or DynamoDB Local from this same
 * definition). Item layouts live in each capability's entity.ts; docs/data-model.md lists every
 * access pattern.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB's TTL removes expired items eventually. Expiry is always checked in code too. */
  ttlAttribute: 'expiresAtEpoch',
  /**
   * "Changed since" lists for the business API (customers, jobs) and a business's API keys:
   * `gsi1pk` names the collection (`BIZ#<id>#CUSTOMERS`), `gsi1sk` sorts it (`<updatedAt>#<id>`).
   * Items outside those collections leave both attributes out and never reach the index.
   */
  changesIndex: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /**
   * Lists a record moves between (or leaves) as its state changes: a customer's open and paid
   * invoices, open and decided estimates, a business's open appointment slots. `gsi2pk` names
   * the list (`BIZ#<id>#CUS#<id>#INVOICES#open`), `gsi2sk` sorts it. The record's own UpdateItem
   * moves it, so no second item has to follow it.
   */
  listsIndex: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /**
   * Items that owe follow-up steps (shared/followups): sparse, so it holds only those. `owedPk`
   * is one of a few shards (`OWED#<n>`), `owedSk` the earliest due time then the item's key; the
   * re-driver reads each shard up to now.
   */
  followUpIndex: { name: 'gsi3', partitionKey: 'owedPk', sortKey: 'owedSk' },
} as const;

/** Every secondary index, for the CDK stack and the local stack alike (all project every attribute). */
export const secondaryIndexes = [tableDefinition.changesIndex, tableDefinition.listsIndex, tableDefinition.followUpIndex] as const;

/** The CreateTable input for the local stack and tests (on AWS the CDK stack owns the table). */
export function createTableInput(tableName: string) {
  const { partitionKey, sortKey } = tableDefinition;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [partitionKey, sortKey, ...secondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: secondaryIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
