/**
 * DynamoDB for the local stack and tests. By default dynalite (the DynamoDB API over LevelDB)
 * served in-process on a loopback port; or any DynamoDB endpoint (`npm start --
 * --dynamodb-endpoint URL`, DynamoDB Local for the second CI run). Either way the table is
 * created from the definition CDK uses if it is missing, and used once it is ACTIVE.
 *
 * Tests: when PORTAL_TEST_DYNAMODB_ENDPOINT is set (`npm run test:dynamodb-local` sets it),
 * every stack a jest test starts uses that endpoint with a table of its own, deleted at stop.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createDocumentClient } from '../../shared/data/document-client';
import { createTableInput } from '../../shared/data/table';

export const localTableName = 'portal-local';

/** Read only by jest tests (JEST_WORKER_ID set): the endpoint every test stack uses. */
export const testEndpointEnv = 'PORTAL_TEST_DYNAMODB_ENDPOINT';

export interface LocalDynamo {
  endpoint: string;
  /** True when the server is not ours (an endpoint was given): stop() leaves it running. */
  external: boolean;
  clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } };
  doc: ReturnType<typeof createDocumentClient>;
  tableName: string;
  stop(): Promise<void>;
}

export interface LocalDynamoOptions {
  /** dynalite's folder; in memory when null. Ignored with an endpoint, which keeps its own data. */
  dataDir: string | null;
  /** Use this DynamoDB endpoint (e.g. DynamoDB Local) instead of starting dynalite. */
  endpoint?: string;
  /** `portal-local` unless given (tests against an endpoint get one of their own). */
  tableName?: string;
  /** Delete the table at stop (only ever a test's own table). */
  deleteTableOnStop?: boolean;
}

/** What real DynamoDB (and DynamoDB Local) accepts as a table name; checked before any call. */
export const validTableName = /^[a-zA-Z0-9_.-]{3,255}$/;

let tablesMade = 0;
/** A table name no other test stack, jest worker or earlier run uses. */
export function uniqueTestTableName(): string {
  return `portal-test-${process.pid}-${++tablesMade}-${randomBytes(4).toString('hex')}`;
}

/** The endpoint jest tests are told to use, if any (never read outside jest). */
export function testDynamoEndpoint(): string | undefined {
  if (process.env.JEST_WORKER_ID === undefined) return undefined;
  return process.env[testEndpointEnv] || undefined;
}

export async function startLocalDynamo(options: LocalDynamoOptions): Promise<LocalDynamo> {
  if (options.endpoint !== undefined) return useEndpoint({ ...options, endpoint: options.endpoint });
  const testEndpoint = testDynamoEndpoint();
  if (testEndpoint !== undefined) {
    // A stack in memory gets a fresh table and drops it at stop. A stack with a data folder
    // (restart tests) gets a table named after that folder, so a restart finds its data again.
    const onDisk = options.dataDir !== null;
    return useEndpoint({
      ...options,
      endpoint: testEndpoint,
      tableName: options.tableName ?? (onDisk ? `portal-test-${createHash('sha256').update(options.dataDir!).digest('hex').slice(0, 24)}` : uniqueTestTableName()),
      deleteTableOnStop: options.deleteTableOnStop ?? !onDisk,
    });
  }

  const tableName = checkTableName(options.tableName ?? localTableName);
  const server = dynalite({ ...(options.dataDir ? { path: options.dataDir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // dynalite accepts any credentials; fixed ones keep the SDK from searching for real ones.
  const clientConfig = { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  try {
    await ensureTable(clientConfig, tableName);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  const doc = createDocumentClient(clientConfig);
  return {
    endpoint,
    external: false,
    clientConfig,
    doc,
    tableName,
    stop: async () => {
      doc.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function useEndpoint(options: LocalDynamoOptions & { endpoint: string }): Promise<LocalDynamo> {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(endpoint)) throw new Error(`DynamoDB endpoint must be an http(s) URL, got ${JSON.stringify(options.endpoint)}`);
  const tableName = checkTableName(options.tableName ?? localTableName);
  const clientConfig = { endpoint, region: endpointRegion(), credentials: endpointCredentials() };
  await ensureTable(clientConfig, tableName);
  const doc = createDocumentClient(clientConfig);
  return {
    endpoint,
    external: true,
    clientConfig,
    doc,
    tableName,
    stop: async () => {
      doc.destroy();
      if (!options.deleteTableOnStop) return;
      const client = new DynamoDBClient(clientConfig);
      try {
        await client.send(new DeleteTableCommand({ TableName: tableName }));
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      } finally {
        client.destroy();
      }
    },
  };
}

function checkTableName(name: string): string {
  if (!validTableName.test(name)) throw new Error(`Invalid DynamoDB table name ${JSON.stringify(name)}: 3-255 characters of a-z, A-Z, 0-9, _ - .`);
  return name;
}

/**
 * DynamoDB Local and dynalite accept anything; a real endpoint needs real ones, taken from the
 * usual environment variables when they are set.
 */
function endpointCredentials(): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  return { accessKeyId: 'local', secretAccessKey: 'local' };
}

const endpointRegion = () => process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'local';

/**
 * Creates the table if it is missing, adds the secondary index if an older table lacks it, and
 * waits until table and index are ACTIVE (a new table answers ResourceNotFound or CREATING
 * for a moment; dynalite on disk and real DynamoDB both take a while).
 */
async function ensureTable(clientConfig: LocalDynamo['clientConfig'], tableName: string): Promise<void> {
  const client = new DynamoDBClient(clientConfig);
  const input: CreateTableCommandInput = createTableInput(tableName);
  try {
    let table = await describe(client, tableName);
    if (!table) {
      try {
        await client.send(new CreateTableCommand(input));
      } catch (error) {
        // Another process created it in between: fine, wait for it below.
        if ((error as Error).name !== 'ResourceInUseException') throw error;
      }
    }
    table = await waitUntilActive(client, tableName);
    // A table made before an index was added to the definition (an old .data/ folder, or a
    // long-lived endpoint): add the index there. dynalite accepts the update but never builds
    // the index, so check again and say what to do.
    const missing = (current: TableDescription) =>
      (input.GlobalSecondaryIndexes ?? []).filter((index) => !current.GlobalSecondaryIndexes?.some((existing) => existing.IndexName === index.IndexName));
    const toAdd = missing(table);
    if (toAdd.length === 0) return;
    let why = 'the server accepted the update but built no index';
    try {
      for (const index of toAdd) {
        await client.send(new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: input.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: index }] }));
        table = await waitUntilActive(client, tableName);
      }
    } catch (error) {
      why = (error as Error).message;
    }
    const stillMissing = missing(table).map((index) => index.IndexName);
    if (stillMissing.length) {
      throw new Error(
        `Table ${tableName} at ${clientConfig.endpoint} lacks the index ${stillMissing.join(', ')} and adding it failed (${why}). Delete the table (locally: the .data/ folder) so it is created afresh.`,
      );
    }
  } finally {
    client.destroy();
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs = 120_000): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 1000)) {
    const table = await describe(client, tableName);
    if (table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')) return table;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} is not ACTIVE after ${timeoutMs / 1000} s (status ${table?.TableStatus ?? 'missing'})`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
