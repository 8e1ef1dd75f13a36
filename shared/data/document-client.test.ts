/** batchGetItems against dynalite: more keys than one BatchGetItem takes, consistently or not. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalDynamo, type LocalDynamo } from '../../infra/local/dynamo';
import { batchGetItems } from './document-client';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo({ dataDir: null });
});
afterAll(() => dynamo.stop());

test('reads 250 items (three requests: DynamoDB refuses more than 100 keys in one), and leaves out the missing ones', async () => {
  const key = (i: number) => ({ pk: `TEST#batch#${i}`, sk: 'ITEM' });
  for (let i = 0; i < 250; i += 25) {
    const puts = Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: { ...key(i + j), n: i + j } } }));
    await dynamo.doc.send(new BatchWriteCommand({ RequestItems: { [dynamo.tableName]: puts } }));
  }
  const keys = [...Array.from({ length: 250 }, (_, i) => key(i)), key(999)];
  for (const consistent of [false, true]) {
    const items = await batchGetItems(dynamo.doc, dynamo.tableName, keys, { consistent });
    expect(items.map((item) => item.n as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  }
});
