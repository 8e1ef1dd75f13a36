/**
 * The one DynamoDB table: its key schema, as used by the CDK stack and by the local stack
 * (which creates it in dynalite from this same definition). Item layouts live in keys.ts;
 * docs/data-model.md lists every access pattern.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB's TTL removes expired items eventually. Expiry is always checked in code too. */
  ttlAttribute: 'expiresAtEpoch',
} as const;

/** The CreateTable input for the local stack and tests (on AWS the CDK stack owns the table). */
export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: tableDefinition.partitionKey, AttributeType: 'S' as const },
      { AttributeName: tableDefinition.sortKey, AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' as const },
    ],
  };
}
