/**
 * What a function's code may use, derived from its route-table row and its handler's spec.
 * `DepsFor<typeof row.access, typeof spec.stores>` is the type a handler sees, so reaching for an
 * adapter the row does not grant, or a store the handler does not name, fails to compile;
 * `grantedDeps` builds the object handed over at run time with only those members, and any
 * other one throws on use, on AWS and locally alike (functions/wiring/deps.test.ts).
 *
 * A composition root supplies every adapter lazily as an `AdapterSource`: the AWS one
 * (aws.ts, built from Lambda's environment at cold start by lambda.ts) or the local one
 * (infra/local/wiring.ts, handed to each handler by the local stack). This module decides which
 * of them a function gets; it holds no state of its own.
 */
import type { Clock, Random, MessageQueue } from '../../shared/kernel/types';
import type { FileLinks, FileStorage, FileUploads } from '../../shared/files/port';
import type { QueueMessages } from '../../shared/queues';
import type { Notifier } from '../../shared/notifications/port';
import type { PaymentGateway } from '../../shared/payments/port';
import type { Secrets } from '../../shared/config/secrets';
import type { WebhookTransport } from '../../shared/business-api/port';
import type { FunctionAccess, QueueName, SecretName, TableLevel } from '../../shared/routes/kinds';
import type { Env } from '../../shared/config/env';
import type { MapTiles } from '../../shared/tracking/map-tiles';
import type { PaymentMessaging } from '../../shared/payments/messaging';
import { buildStore, lazyStores, type StoreFactories, type StoreFactory, type StoresOf, type TableClient } from './stores';

export type { Env } from '../../shared/config/env';
export type { MapTiles } from '../../shared/tracking/map-tiles';

export interface Config {
  /** `local`, `dev`, `prod`. */
  stage: string;
  /** `https://portal.example.com`: state-changing browser requests must come from it; links point to it. */
  portalOrigin: string;
  /** Header holding the viewer's IP, set by CloudFront; believed only with the origin secret. */
  clientIpHeader: string | null;
  /** Where the tracking map's tiles come from on this stage, or null (the page draws a plain background). */
  mapTiles: MapTiles | null;
  /** Stripe's financing messaging on this stage (publishable key, Stripe.js), or null: no page shows it. */
  paymentMessaging: PaymentMessaging | null;
  /**
   * Webhooks may connect to loopback (a listener on the developer's machine). Set true only by
   * the local composition root (infra/local/wiring.ts); the AWS root always sets false and reads
   * no variable for it, so no deployed stage can turn it on (rule 61).
   */
  allowLoopbackWebhooks: boolean;
}

/** What every function gets: nothing here needs a grant. */
export interface BaseDeps {
  config: Config;
  clock: Clock;
  random: Random;
}

export type Queues<Q extends QueueName> = { [K in Q]: MessageQueue<QueueMessages[K]> };

/** Every adapter a composition root can supply; a function gets the ones its row grants. */
export interface AdapterSource extends BaseDeps {
  /** The table: each function builds the stores its handler names over it. */
  readonly table: TableClient;
  readonly files: FileStorage;
  queue<Q extends QueueName>(name: Q): MessageQueue<QueueMessages[Q]>;
  readonly notifier: Notifier;
  readonly secrets: Secrets;
  readonly payments: PaymentGateway;
  /** Outbound HTTPS for webhook deliveries. */
  readonly http: WebhookTransport;
}

type QueuesOf<A> = A extends { queues: readonly (infer Q)[] } ? (Q extends QueueName ? Q : never) : never;

export type DepsFor<A extends FunctionAccess, S extends StoreFactories = {}> = BaseDeps &
  (A extends { table: TableLevel } ? { stores: StoresOf<S> } : unknown) &
  (A extends { files: 'manage' } ? { files: FileStorage } : A extends { files: 'readwrite' } ? { files: FileUploads } : A extends { files: 'read' } ? { files: FileLinks } : unknown) &
  ([QueuesOf<A>] extends [never] ? unknown : { queues: Queues<QueuesOf<A>> }) &
  (A extends { sendEmail: true } | { sendSms: true } ? { notifier: Notifier } : unknown) &
  (A extends { secrets: readonly SecretName[] } ? { secrets: Secrets } : unknown) &
  (A extends { payments: true } ? { payments: PaymentGateway } : unknown) &
  (A extends { webhookPosts: true } ? { http: WebhookTransport } : unknown);

/** The stores a handler may name: any, when its row grants the table; none otherwise. */
export type StoresSpec<A extends FunctionAccess, S extends StoreFactories> = A extends { table: TableLevel } ? { stores?: S } : { stores?: undefined };

/** The members a grant adds, by name: used to build the run-time object and to test it. */
export function grantedMembers(access: FunctionAccess): string[] {
  return [
    ...(access.table ? ['stores'] : []),
    ...(access.files ? ['files'] : []),
    ...(access.queues?.length ? ['queues'] : []),
    ...(access.sendEmail || access.sendSms ? ['notifier'] : []),
    ...(access.secrets?.length ? ['secrets'] : []),
    ...(access.payments ? ['payments'] : []),
    ...(access.webhookPosts ? ['http'] : []),
  ];
}

const grantable = ['stores', 'files', 'queues', 'notifier', 'secrets', 'payments', 'http'] as const;

export class UngrantedAdapter extends Error {
  override readonly name = 'UngrantedAdapter';
}

/** A function's deps, plus how its own wiring (an auth resolver, idempotency) builds a store it does not hand to the handler. */
export type Granted<A extends FunctionAccess, S extends StoreFactories> = DepsFor<A, S> & {
  /** One more store over the granted table (throws if the row grants no table). */
  readonly storeOf: <P>(factory: StoreFactory<P>) => P;
};

/**
 * The object a function's code receives: the base, plus lazily-built members for exactly what
 * `access` grants, with `stores` holding the ones the handler names. Anything else throws when
 * touched, so an undeclared use fails in every test that runs the code, not only on AWS where
 * the IAM grant or environment variable is missing.
 */
export function grantedDeps<A extends FunctionAccess, S extends StoreFactories = {}>(access: A, source: AdapterSource, functionName: string, stores?: S): Granted<A, S> {
  const deps: Record<string, unknown> = { config: source.config, clock: source.clock, random: source.random };
  const granted = new Set(grantedMembers(access));
  const refuse = (what: string) => () => {
    throw new UngrantedAdapter(`${functionName} uses ${what}, which its row in shared/routes/ does not grant: add it to the row's access.`);
  };
  const table = access.table ? once(() => source.table) : refuse('the table');
  Object.defineProperty(deps, 'storeOf', { value: <P>(factory: StoreFactory<P>) => buildStore(factory, table()), enumerable: false });
  for (const member of grantable) {
    if (!granted.has(member)) {
      Object.defineProperty(deps, member, { get: refuse(`"${member}"`), enumerable: false });
      continue;
    }
    if (member === 'stores') {
      deps.stores = lazyStores(stores ?? {}, table);
      continue;
    }
    if (member === 'queues') {
      const queues: Record<string, unknown> = {};
      for (const name of ['notifications', 'webhooks', 'payments'] as const) {
        if (access.queues?.includes(name)) Object.defineProperty(queues, name, { get: once(() => source.queue(name)), enumerable: true });
        else Object.defineProperty(queues, name, { get: refuse(`the "${name}" queue`), enumerable: false });
      }
      deps.queues = queues;
      continue;
    }
    Object.defineProperty(deps, member, { get: once(() => source[member]), enumerable: true });
  }
  return deps as Granted<A, S>;
}

function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

// ---------- how a function builds its AWS adapters ----------

/**
 * How a function builds its AWS adapters beyond the table: named in the handler file, typed
 * from its row, so a bundle holds exactly the SDK clients the row grants (a central registry
 * would put every client in every bundle and slow every cold start; measured by `npm run bench`).
 */
export type AwsFactoriesFor<A extends FunctionAccess> =
  (A extends { files: 'read' | 'readwrite' | 'manage' } ? { files: AwsFactories['files'] } : unknown) &
  ([QueuesOf<A>] extends [never] ? unknown : { queues: AwsFactories['queues'] }) &
  (A extends { sendEmail: true } | { sendSms: true } ? { notifier: AwsFactories['notifier'] } : unknown) &
  (A extends { secrets: readonly SecretName[] } ? { secrets: AwsFactories['secrets'] } : unknown) &
  (A extends { payments: true } ? { payments: AwsFactories['payments'] } : unknown) &
  (A extends { webhookPosts: true } ? { http: AwsFactories['http'] } : unknown);

/** The factories a handler names: required exactly when its row grants something beyond the table. */
export type AwsFactoriesSpec<A extends FunctionAccess> = keyof AwsFactoriesFor<A> extends never ? { aws?: undefined } : { aws: AwsFactoriesFor<A> };

export interface AwsFactories {
  files: (env: Env) => FileStorage;
  queues: (env: Env, name: QueueName) => MessageQueue<QueueMessages[QueueName]>;
  notifier: (env: Env) => Notifier;
  secrets: (env: Env) => Secrets;
  payments: (env: Env) => PaymentGateway;
  http: (env: Env) => WebhookTransport;
}
