import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuthStore } from './auth-store';
import { DynamoDirectoryStore } from './directory-store';
import { DynamoJobStore } from './job-store';

/** All the table-backed ports, over one DocumentClient and one table. */
export function createDynamoStores(doc: DynamoDBDocumentClient, tableName: string) {
  return {
    directory: new DynamoDirectoryStore(doc, tableName),
    auth: new DynamoAuthStore(doc, tableName),
    jobs: new DynamoJobStore(doc, tableName),
  };
}

export type DynamoStores = ReturnType<typeof createDynamoStores>;
