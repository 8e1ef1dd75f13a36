/**
 * The AWS composition root: the only module that reads Lambda's environment (adapter
 * factories in aws-adapters/ read their own variables through the `env` handed to them).
 * Configuration is read at cold start, so a missing variable fails loudly then rather than
 * on the first customer's request.
 */
import { randomBytes } from 'node:crypto';
import { createDocumentClient } from '../../shared/data/document-client';
import { createDynamoStores } from '../../shared/data/dynamo-store';
import { envNames } from '../../shared/config/env-names';
import { required } from './env';
import type { AdapterFactories, Adapters, Env, Runtime } from './runtime';

const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export function createAwsRuntime(env: Env, factories: AdapterFactories): Runtime {
  // Functions without table access (health) never create the client or need TABLE_NAME.
  const stores = once(() => createDynamoStores(createDocumentClient(), required(env, envNames.tableName)));
  const adapter = <K extends keyof Adapters>(name: K) =>
    once((): Adapters[K] => {
      const make = factories[name];
      if (!make) throw new Error(`This function has no ${name} adapter: add it to the handler and to its route's access.`);
      return make(env);
    });

  return {
    config: {
      stage: required(env, envNames.stage),
      portalOrigin: required(env, envNames.portalOrigin),
      clientIpHeader: env[envNames.clientIpHeader] || null,
    },
    clock: { now: () => new Date() },
    random: { bytes: (count) => randomBytes(count) },
    get directory() { return stores().directory; },
    get auth() { return stores().auth; },
    get jobs() { return stores().jobs; },
    queue: adapter('queue'),
    notifier: adapter('notifier'),
    files: adapter('files'),
  };
}
