/**
 * The real DynamoDB stores for unit tests of use cases: conditional writes, versions and queries
 * run in dynalite (or the endpoint `npm run test:dynamodb-local` names), not in a fake that
 * imitates them. One server per test file, started in beforeAll and stopped in afterAll; each
 * `freshTable()` is a new empty table on it, so every test starts from nothing and stays fast.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoStores, type Stores } from '../all-stores';
import { contactsOf, type Business, type Customer } from '../../../shared/directory/model';
import { startLocalDynamo, uniqueTestTableName, type LocalDynamo } from '../dynamo';

export interface TestTable {
  stores: Stores;
  dynamo: LocalDynamo;
  /**
   * Every item of one entity type in this table. A test's look at what was stored, on a table
   * only this test writes to; the portal's own code never scans (the stack's call recorder checks).
   */
  itemsOfType(type: string): Promise<Record<string, unknown>[]>;
}

/** Call at the top of a test file; `freshTable()` inside each test (or its set-up function). */
export function storesForTests(): { freshTable(): Promise<TestTable> } {
  let server: LocalDynamo | undefined;
  const tables: LocalDynamo[] = [];
  beforeAll(async () => {
    server = await startLocalDynamo({ dataDir: null });
  });
  afterAll(async () => {
    // Tables on an external endpoint are dropped one by one; dynalite in memory goes with its server.
    for (const table of tables) await table.stop();
    await server?.stop();
  });
  return {
    async freshTable() {
      if (!server) throw new Error('storesForTests() must be called at the top of the test file, so its beforeAll runs first');
      const dynamo = await startLocalDynamo({ dataDir: null, endpoint: server.endpoint, tableName: uniqueTestTableName(), deleteTableOnStop: true });
      tables.push(dynamo);
      return {
        stores: createDynamoStores(dynamo.doc, dynamo.tableName),
        dynamo,
        itemsOfType: async (type) => {
          const items: Record<string, unknown>[] = [];
          let start: Record<string, unknown> | undefined;
          do {
            const page = await dynamo.doc.send(new ScanCommand({ TableName: dynamo.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
            items.push(...(page.Items ?? []).filter((item) => item.type === type));
            start = page.LastEvaluatedKey;
          } while (start);
          return items;
        },
      };
    },
  };
}

/** Stores a business under its slug, and each customer with its contact lookups, as the business API would. */
export async function putDirectory(stores: Pick<Stores, 'directory'>, business: Business, ...customers: Customer[]): Promise<void> {
  const { directory } = stores;
  const now = business.createdAt;
  if (!(await directory.claimSlug(business.slug, business.id, now)) || !(await directory.putBusiness(business, null))) throw new Error(`could not store business ${business.id}`);
  for (const customer of customers) {
    if (!(await directory.putCustomerProfile(customer, null))) throw new Error(`could not store customer ${customer.id}`);
    for (const contact of contactsOf(customer)) await directory.claimContact(customer.businessId, contact, customer.id, now);
  }
}
