/**
 * DynamoDB for the local stack and tests: dynalite (the DynamoDB API over LevelDB) served
 * in-process on a loopback port, with the table created from the definition CDK uses.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { createDocumentClient } from '../../shared/data/document-client';
import { createTableInput } from '../../shared/data/table';

export const localTableName = 'portal-local';

export interface LocalDynamo {
  endpoint: string;
  clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  doc: ReturnType<typeof createDocumentClient>;
  tableName: string;
  stop(): Promise<void>;
}

export async function startLocalDynamo(options: { dataDir: string | null }): Promise<LocalDynamo> {
  const server = dynalite({ ...(options.dataDir ? { path: options.dataDir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // dynalite accepts any credentials; fixed ones keep the SDK from searching for real ones.
  const clientConfig = { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  await ensureTable(new DynamoDBClient(clientConfig), localTableName);
  const doc = createDocumentClient(clientConfig);
  return {
    endpoint,
    clientConfig,
    doc,
    tableName: localTableName,
    stop: async () => {
      doc.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  }
  // A new table answers ResourceNotFound until it is ACTIVE, which on disk takes a moment.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: tableName });
  client.destroy();
}
