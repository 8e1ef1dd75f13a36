/**
 * The local stack's DynamoDB: table names real DynamoDB accepts, and the external-endpoint
 * mode (`--dynamodb-endpoint`, the DynamoDB Local CI run). The endpoint tests need
 * PORTAL_TEST_DYNAMODB_ENDPOINT (`npm run test:dynamodb-local` sets it); without it they are
 * skipped and say so.
 */
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableDefinition } from '../../shared/data/table';
import { localTableName, startLocalDynamo, testDynamoEndpoint, testEndpointEnv, uniqueTestTableName, validTableName } from './dynamo';
import { captureConsole, signedInClient, startTestStack } from './test-support';

const endpoint = testDynamoEndpoint();
if (!endpoint) console.log(`infra/local/dynamo.test.ts: ${testEndpointEnv} is not set, so the external-endpoint tests are skipped (npm run test:dynamodb-local runs them)`);
const withEndpoint = endpoint ? describe : describe.skip;

test('table names are ones real DynamoDB accepts, and every test table is new', () => {
  expect(localTableName).toMatch(validTableName);
  const names = Array.from({ length: 100 }, uniqueTestTableName);
  for (const name of names) expect(name).toMatch(validTableName);
  expect(new Set(names).size).toBe(names.length);
});

test('a table name real DynamoDB would refuse is refused here too, even on dynalite', async () => {
  await expect(startLocalDynamo({ dataDir: null, tableName: 'p' })).rejects.toThrow(/Invalid DynamoDB table name/);
  await expect(startLocalDynamo({ dataDir: null, tableName: 'portal/local' })).rejects.toThrow(/Invalid DynamoDB table name/);
});

withEndpoint('against an external DynamoDB endpoint', () => {
  const clientConfig = () => ({ endpoint: endpoint!, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let restoreConsole: () => void;
  beforeAll(() => {
    restoreConsole = captureConsole([]);
  });
  afterAll(() => restoreConsole());

  test('creates its table with the changes index, reads and writes through both, and at stop drops its table but leaves the server running', async () => {
    const tableName = uniqueTestTableName();
    const dynamo = await startLocalDynamo({ dataDir: null, endpoint: endpoint!, tableName, deleteTableOnStop: true });
    const client = new DynamoDBClient(clientConfig());
    try {
      expect(dynamo.external).toBe(true);
      expect(dynamo.endpoint).toBe(endpoint!.replace(/\/+$/, ''));
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual([
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ]);
      const index = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === tableDefinition.changesIndex.name);
      expect(index?.IndexStatus).toBe('ACTIVE');
      expect(index?.KeySchema).toEqual([
        { AttributeName: tableDefinition.changesIndex.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.changesIndex.sortKey, KeyType: 'RANGE' },
      ]);

      const item = { pk: 'BIZ#t', sk: 'CUSTOMER#c1', gsi1pk: 'BIZ#t#CUSTOMERS', gsi1sk: '2026-01-01T00:00:00.000Z#c1', name: 'x' };
      await dynamo.doc.send(new PutCommand({ TableName: tableName, Item: item }));
      expect((await dynamo.doc.send(new GetCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }))).Item).toEqual(item);
      const changes = await dynamo.doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: tableDefinition.changesIndex.name,
          KeyConditionExpression: '#pk = :pk AND #sk > :after',
          ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
          ExpressionAttributeValues: { ':pk': item.gsi1pk, ':after': '2025' },
        }),
      );
      expect(changes.Items).toEqual([item]);

      // Starting again on the same table finds it and keeps its items.
      const again = await startLocalDynamo({ dataDir: null, endpoint: endpoint!, tableName });
      expect((await again.doc.send(new GetCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } }))).Item).toEqual(item);
      await again.stop();
      expect((await client.send(new ListTablesCommand({}))).TableNames).toContain(tableName);
    } finally {
      await dynamo.stop();
    }
    expect((await client.send(new ListTablesCommand({}))).TableNames).not.toContain(tableName);
    client.destroy();
  });

  test('the whole stack runs on it: a table of its own, seeded, serving a signed-in request', async () => {
    const stack = await startTestStack();
    try {
      expect(stack.dynamo.external).toBe(true);
      expect(stack.dynamo.tableName).not.toBe(localTableName);
      expect(stack.dynamo.tableName).toMatch(validTableName);
      const client = await signedInClient(stack);
      expect((await client.get('/api/jobs')).status).toBe(200);
    } finally {
      await stack.stop();
    }
  });
});
