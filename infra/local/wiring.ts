/**
 * The local composition root: every adapter a function can be granted, wired to the local
 * stand-ins (dynalite or another DynamoDB endpoint, the in-process queues, the outbox, local
 * files, a recording webhook transport, the Stripe sandbox). Which of them a function actually gets is decided by its
 * route row, exactly as on AWS (functions/wiring/deps.ts). The DynamoDB stores are the very ones
 * Lambda uses.
 */
import { randomBytes } from 'node:crypto';
import type { Stores } from './all-stores';
import type { Clock } from '../../shared/kernel/types';
import type { FileStorage } from '../../shared/files/port';
import type { MessageQueue } from '../../shared/kernel/types';
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
  stores: Stores;
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
    stores: parts.stores,
    files: parts.files,
    queue: (name) => parts.queues[name],
    notifier: parts.notifier,
    secrets,
    payments: parts.payments,
  };
}
