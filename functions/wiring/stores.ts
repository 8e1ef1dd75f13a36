/**
 * A handler names the stores it uses, as the classes (or small functions) that build them over
 * the table: `stores: { jobs: DynamoJobStore, directory: DynamoDirectoryStore }`. Its `deps.stores`
 * is typed as exactly those, and its bundle holds those stores' code and no other (a central
 * "every store" object would put all of them in every bundle; measured by `npm run bench`).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The one table, as a composition root hands it over: a DocumentClient and the table's name. */
export interface TableClient {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** Builds one store over the table: a store class, or a function with the same two arguments. */
export type StoreFactory<P = unknown> = (new (doc: DynamoDBDocumentClient, tableName: string) => P) | ((doc: DynamoDBDocumentClient, tableName: string) => P);

export type StoreFactories = Record<string, StoreFactory>;

export type StoresOf<F> = { [K in keyof F]: F[K] extends StoreFactory<infer P> ? P : never };

export function buildStore<P>(factory: StoreFactory<P>, table: TableClient): P {
  // A class is called with `new`; an arrow function has no prototype.
  return (factory as { prototype?: unknown }).prototype ? new (factory as new (doc: DynamoDBDocumentClient, tableName: string) => P)(table.doc, table.tableName) : (factory as (doc: DynamoDBDocumentClient, tableName: string) => P)(table.doc, table.tableName);
}

/** The named stores, each built on first use, once, over the table `table()` gives. */
export function lazyStores<F extends StoreFactories>(factories: F, table: () => TableClient): StoresOf<F> {
  const stores = {} as Record<string, unknown>;
  for (const [name, factory] of Object.entries(factories)) {
    let built: unknown;
    Object.defineProperty(stores, name, { get: () => (built ??= buildStore(factory, table())), enumerable: true });
  }
  return stores as StoresOf<F>;
}
