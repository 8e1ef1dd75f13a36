/**
 * The local composition root: every adapter a function can be granted, wired to the local
 * stand-ins (dynalite or another DynamoDB endpoint, the in-process queues, the outbox, local
 * files, a recording webhook transport, the Stripe sandbox). Which of them a function actually gets is decided by its
 * route row, exactly as on AWS (functions/wiring/deps.ts). The DynamoDB stores are the very ones
 * Lambda uses, each function building the ones its handler names over the same table.
 *
 * Each stack hands its root to the handlers it runs (`localHandlers`): nothing is installed
 * globally, so tests can run several stacks in one process.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TableClient } from '../../functions/wiring/stores';
import type { Deployable } from '../../functions/wiring/lambda';
import type { Clock, MessageQueue } from '../../shared/kernel/types';
import type { FileStorage } from '../../shared/files/port';
import type { QueueMessages } from '../../shared/queues';
import type { Notifier } from '../../shared/notifications/port';
import type { PaymentGateway } from '../../shared/payments/port';
import type { Secrets, StripeKeys } from '../../shared/config/secrets';
import type { WebhookTransport } from '../../shared/business-api/port';
import type { QueueName } from '../../shared/routes';
import { webhookTransport } from '../../shared/adapters/http-transport';
import type { AdapterSource, Config } from '../../functions/wiring/deps';

/** The local stack's own settings, which no other composition root sets. */
const localOnly = {
  /** Webhooks reach a listener on this machine (still never a private or link-local address). */
  allowLoopbackWebhooks: true,
} as const satisfies Partial<Config>;

/** How the local stack delivers webhooks: the same guarded transport as Lambda's, loopback allowed. */
export const localWebhookTransport = (): WebhookTransport => webhookTransport({ allowLoopback: localOnly.allowLoopbackWebhooks });

export function createLocalSource(parts: {
  config: Omit<Config, keyof typeof localOnly>;
  table: TableClient;
  notifier: Notifier;
  queues: { [Q in QueueName]: MessageQueue<QueueMessages[Q]> };
  files: FileStorage;
  http: WebhookTransport;
  originSecret: string;
  /** Stripe: the local sandbox, or Stripe's test mode when a test key is given. */
  payments: PaymentGateway;
  stripeKeys: StripeKeys;
  clock?: Clock;
}): AdapterSource {
  const secrets: Secrets = { originVerify: async () => [parts.originSecret], stripe: async () => parts.stripeKeys };
  return {
    config: { ...parts.config, ...localOnly },
    clock: parts.clock ?? { now: () => new Date() },
    random: { bytes: (count) => randomBytes(count) },
    http: parts.http,
    table: parts.table,
    files: parts.files,
    queue: (name) => parts.queues[name],
    notifier: parts.notifier,
    secrets,
    payments: parts.payments,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry's handler has its own event type
type AnyHandler = (event: any, context: any) => Promise<any>;

/**
 * The handler a function's entry file (its row's `entry`) exports, built over this stack's root
 * on first use and kept, as Lambda builds a function's on its first request.
 */
export function localHandlers(projectRoot: string, source: AdapterSource): <H extends AnyHandler = AnyHandler>(entry: string) => H {
  const built = new Map<string, AnyHandler>();
  return <H extends AnyHandler>(entry: string): H => {
    let handler = built.get(entry);
    if (!handler) {
      const { handler: exported } = require(join(projectRoot, entry)) as { handler: Deployable<AnyHandler> };
      handler = exported.handlerWith(source);
      built.set(entry, handler);
    }
    return handler as H;
  };
}
