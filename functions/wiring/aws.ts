/**
 * The AWS composition root: the only module that reads Lambda's environment (the adapter
 * factories in shared/adapters/aws/factories read their own variables from the `env` handed to
 * them). Configuration is read at cold start, so a missing variable fails loudly then rather
 * than on the first customer's request.
 */
import { randomBytes } from 'node:crypto';
import { envNames } from '../../shared/config/env-names';
import { createDocumentClient } from '../../shared/data/document-client';
import type { QueueName } from '../../shared/routes/kinds';
import type { AdapterSource, AwsFactories } from './deps';
import type { TableClient } from './stores';
import { required, type Env } from '../../shared/config/env';
import { mapTilesFrom } from '../../shared/tracking/map-tiles';
import { paymentMessagingFrom } from '../../shared/payments/messaging';

export function awsAdapterSource(env: Env, factories: Partial<AwsFactories>): AdapterSource {
  const config = {
    stage: required(env, envNames.stage),
    portalOrigin: required(env, envNames.portalOrigin),
    clientIpHeader: env[envNames.clientIpHeader] || null,
    mapTiles: mapTilesFrom(env[envNames.mapTileUrl], env[envNames.mapTileAttribution]),
    paymentMessaging: paymentMessagingFrom(env[envNames.stripePublishableKey], env[envNames.stripeJsUrl] || undefined),
    // Never from the environment: a deployed stage's webhooks reach public addresses only (rule 61).
    allowLoopbackWebhooks: false,
  };
  const factory = <K extends keyof AwsFactories>(name: K): AwsFactories[K] => {
    const make = factories[name];
    if (!make) throw new Error(`This function's handler names no ${name} factory: its route row grants it, so add it to the handler.`);
    return make;
  };
  // Each getter builds its adapter afresh: grantedDeps (deps.ts) asks once per cold start and keeps it.
  return {
    config,
    clock: { now: () => new Date() },
    random: { bytes: (count) => randomBytes(count) },
    // Imported, not required on first use: see shared/adapters/aws/factories/files.ts. Functions
    // without table access (health, the OpenAPI document) load the client's code but never
    // create one or need TABLE_NAME. The stores are built over it by each function (stores.ts).
    get table(): TableClient {
      return { doc: createDocumentClient(), tableName: required(env, envNames.tableName) };
    },
    get files() {
      return factory('files')(env);
    },
    queue: <Q extends QueueName>(name: Q) => factory('queues')(env, name) as ReturnType<AdapterSource['queue']>,
    get notifier() {
      return factory('notifier')(env);
    },
    get secrets() {
      return factory('secrets')(env);
    },
    get payments() {
      return factory('payments')(env);
    },
    // Named only by the webhook consumer (its row grants `webhookPosts`): on AWS, webhooks reach
    // public addresses only (rule 61), whatever the environment says.
    get http() {
      return factory('http')(env);
    },
  } as AdapterSource;
}
