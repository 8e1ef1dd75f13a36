/**
 * The whole portal in one process: dynalite (or another DynamoDB endpoint), the real handlers
 * behind the local gateway, both queue consumers on in-process queues, the outbox, local files
 * and a recording webhook transport. `npm start` and the integration and browser tests all
 * start it through here.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createDynamoStores, type Stores } from './all-stores';
import type { Business } from '../../shared/directory/model';
import type { Clock } from '../../shared/kernel/types';
import type { NotificationJob } from '../../shared/notifications/port';
import type { PaymentEventJob } from '../../shared/payments/port';
import type { StripeKeys } from '../../shared/config/secrets';
import type { WebhookJob } from '../../shared/events/model';
import { StripeGateway } from '../../shared/adapters/stripe/stripe-gateway';
import { StripeSandbox } from './stripe-sandbox';
import { sandboxPublishableKey } from './stripe-messaging-sandbox';
import { securityHeadersFor } from '../../shared/http/security-headers';
import { consumerByName, scheduleByName } from '../../shared/routes';
import type { RedriveReport } from '../../shared/followups/redrive';
import { lambdaContext } from './lambda-context';
import type { AdapterSource } from '../../functions/wiring/deps';
import { InProcessQueue } from './adapters/in-process-queue';
import { LocalFileStore } from './adapters/local-file-store';
import { Outbox } from './adapters/outbox';
import { RecordingTransport } from './adapters/recording-transport';
import { startLocalDynamo, type LocalDynamo } from './dynamo';
import { createGateway, viewerAddressHeader } from './gateway';
import { createLocalSource, localHandlers, localWebhookTransport } from './wiring';
import { demoSeeded, demoStripeAccount, freshDemoKey, seedDemoData, type DemoSlug } from './seed';

export const projectRoot = resolve(__dirname, '../..');

/**
 * While the stack runs dynalite on disk, its LevelDB files are locked: `npm run admin` finds the
 * running server's endpoint here instead.
 */
export const localEndpointFile = (dataDir: string) => join(dataDir, 'dynamodb-endpoint');

export interface LocalStackOptions {
  /** 0 picks a free port. */
  port: number;
  /** Keep nothing on disk (tests, `npm start -- --memory`). */
  memory: boolean;
  /** Where data lives between restarts; `.data/` by default. */
  dataDir?: string;
  /** Print outbox messages and start-up lines. */
  print?: (line: string) => void;
  /** A controllable clock for tests (link expiry, session timeouts). */
  clock?: Clock;
  seed?: boolean;
  /**
   * Tests only: the gateway takes the viewer's IP from this request header (as CloudFront would
   * see many visitors); `npm start` leaves it unset (the socket's address).
   */
  clientIpHeader?: string;
  /** Multiplies queue delays (webhook retry backoff); tests make minutes milliseconds. */
  queueDelayScale?: number;
  /** Called with the DocumentClient before anything is written (tests install their call recorder). */
  beforeSeed?: (doc: LocalDynamo['doc']) => void;
  /**
   * Use this DynamoDB endpoint (e.g. DynamoDB Local) instead of dynalite; the table
   * `portal-local` is created there if missing and the server is left running at stop.
   */
  dynamodbEndpoint?: string;
  /** A Stripe test-mode key (`sk_test_…`): use Stripe itself instead of the local sandbox. */
  stripeTestKey?: string;
  /** The signing secret `stripe listen` prints, for webhooks forwarded from Stripe's test mode. */
  stripeWebhookSecret?: string;
  /**
   * Run the follow-up re-driver on its schedule (every minute), as EventBridge does on AWS.
   * `npm start` does; tests leave it off and call `redrive()` when they choose.
   */
  scheduleRedrive?: boolean;
  /** When a bank debit confirmed on the sandbox's hosted page settles (StripeSandboxOptions.achSettleMs). */
  achSettleMs?: number | null;
}

export interface LocalStack {
  url: string;
  port: number;
  outbox: Outbox;
  queues: { notifications: InProcessQueue<NotificationJob>; webhooks: InProcessQueue<WebhookJob>; payments: InProcessQueue<PaymentEventJob> };
  /** The Stripe stand-in (null when a real Stripe test key is used). */
  stripe: StripeSandbox | null;
  /** Waits until both queues are empty (a message can lead to others). */
  drainQueues(): Promise<void>;
  /**
   * Runs the follow-up re-driver once, through its real handler (functions/schedule), then drains
   * the queues; what it reports is what it did.
   */
  redrive(): Promise<RedriveReport>;
  webhooks: RecordingTransport;
  files: LocalFileStore;
  dynamo: LocalDynamo;
  /** Every store over the stack's table, for seeding and for tests that read or write behind the API. */
  stores: Stores;
  /** Every adapter, as the local composition root supplies them (use cases in tests and scripts). */
  source: AdapterSource;
  /** The handler of a function's entry file (its row's `entry`), built over this stack's root: for tests that drive one directly. */
  handlerOf: ReturnType<typeof localHandlers>;
  /** The demo businesses (ids are minted at seed time) and a fresh business API key for each. */
  demo: Record<DemoSlug, { business: Business; apiKey: string }>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const print = options.print ?? (() => undefined);
  const dataDir = options.memory ? null : resolve(options.dataDir ?? join(projectRoot, '.data'));
  const dynamo = await startLocalDynamo({ dataDir: dataDir && join(dataDir, 'dynamodb'), ...(options.dynamodbEndpoint ? { endpoint: options.dynamodbEndpoint } : {}) });
  const outbox = new Outbox(print);

  // The origin is known only once the port is; adapters read it lazily.
  let portalOrigin = '';
  const files = new LocalFileStore(() => portalOrigin, dataDir && join(dataDir, 'files'));
  const queueOptions = { maxAttempts: 5, retryDelayMs: 200, delayScale: options.queueDelayScale ?? 1, warn: (line: string) => print(line) };
  // Every function's handler is built over this stack's composition root, once it exists (below).
  let handlerOf: ReturnType<typeof localHandlers> = () => {
    throw new Error('The local stack is still starting.');
  };
  const consumerOf = (name: 'sendNotification' | 'deliverWebhook' | 'applyPaymentEvent') => () => handlerOf(consumerByName(name).entry);
  const queues = {
    notifications: new InProcessQueue<NotificationJob>('notifications', 'sendNotification', consumerOf('sendNotification'), queueOptions),
    webhooks: new InProcessQueue<WebhookJob>('webhooks', 'deliverWebhook', consumerOf('deliverWebhook'), queueOptions),
    payments: new InProcessQueue<PaymentEventJob>('payments', 'applyPaymentEvent', consumerOf('applyPaymentEvent'), queueOptions),
  };
  const drainQueues = async () => {
    while (true) {
      // Stripe's webhooks sent after their request answered (a refund's, an expiry's) land on the payments queue first.
      await sandbox?.settled();
      await queues.payments.drain();
      await queues.notifications.drain();
      await queues.webhooks.drain();
      if (queues.payments.idle() && queues.notifications.idle() && queues.webhooks.idle() && (sandbox?.idle() ?? true)) return;
    }
  };
  // Stripe: its test mode when a test key is given (webhooks then need `stripe listen`, README),
  // else the sandbox, which signs its webhooks with a secret of this process.
  const realStripe = options.stripeTestKey ? { secretKey: options.stripeTestKey, webhookSecret: options.stripeWebhookSecret ?? '' } : null;
  const stripeKeys: StripeKeys = realStripe ?? { secretKey: 'sk_test_local_sandbox', webhookSecret: `whsec_${randomBytes(24).toString('base64url')}` };
  const sandbox = realStripe ? null : new StripeSandbox({ webhookSecret: stripeKeys.webhookSecret, webhookUrl: () => `${portalOrigin}/api/stripe/webhook`, accounts: new Set([demoStripeAccount]), achSettleMs: options.achSettleMs });
  const sandboxEndpoint = sandbox ? await sandbox.start() : null;
  const payments = new StripeGateway(async () => stripeKeys, sandboxEndpoint);
  const webhooks = new RecordingTransport(localWebhookTransport());
  // Per process, as CloudFront's is per deployment: only the gateway knows it.
  const originSecret = randomBytes(24).toString('base64url');
  const server = createGateway({
    handlerOf: (entry) => handlerOf(entry),
    staticDir: join(projectRoot, 'frontend/dist'),
    outbox,
    files,
    webhooks,
    originSecret,
    viewerIpHeader: options.clientIpHeader ?? null,
    stripeSandbox: sandbox,
    // The sandbox serves a stand-in Stripe.js from its own origin: the pages' CSP allows it as a stage's allows js.stripe.com.
    siteHeaders: securityHeadersFor({ mapTileOrigin: null, paymentMessagingOrigin: sandbox ? sandbox.origin : null }),
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => done());
  });
  const port = (server.address() as AddressInfo).port;
  portalOrigin = `http://localhost:${port}`;

  const endpointFile = dataDir && !options.dynamodbEndpoint ? localEndpointFile(dataDir) : null;
  if (endpointFile) await writeFile(endpointFile, dynamo.endpoint);
  options.beforeSeed?.(dynamo.doc);
  const stores = createDynamoStores(dynamo.doc, dynamo.tableName);
  const source = createLocalSource({
    // No map tiles locally: the tracking page draws a plain background (and needs no network).
    config: {
      stage: 'local',
      portalOrigin,
      clientIpHeader: viewerAddressHeader,
      mapTiles: null,
      paymentMessaging: sandbox ? { publishableKey: sandboxPublishableKey, scriptUrl: sandbox.stripeJsUrl } : null,
    },
    table: { doc: dynamo.doc, tableName: dynamo.tableName },
    notifier: outbox,
    queues,
    files,
    http: webhooks,
    originSecret,
    payments,
    stripeKeys,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  handlerOf = localHandlers(projectRoot, source);
  const seedDeps = { stores, files, notifications: queues.notifications, webhooks: queues.webhooks, clock: source.clock, random: source.random };
  if (options.seed !== false && !(await demoSeeded(stores))) {
    await seedDemoData(seedDeps);
    await drainQueues();
    print('Seeded demo data: Acme Plumbing & Heating (acme) and Bright Clean (brightclean).');
  }
  const demo = {} as LocalStack['demo'];
  if (options.seed !== false) {
    for (const slug of ['acme', 'brightclean'] as const) {
      const { business, key } = await freshDemoKey(slug, seedDeps);
      demo[slug] = { business, apiKey: key };
    }
  }

  const redrive = async (): Promise<RedriveReport> => {
    const report = (await handlerOf(scheduleByName('redriveFollowUps').entry)({}, lambdaContext('redriveFollowUps', 120_000))) as RedriveReport;
    await drainQueues();
    return report;
  };
  let redriveTimer: NodeJS.Timeout | null = null;
  if (options.scheduleRedrive) {
    const every = scheduleByName('redriveFollowUps').everyMinutes * 60_000;
    const tick = () => {
      redrive()
        .catch((error: unknown) => print(`Follow-up re-driver failed: ${(error as Error).message}`))
        .finally(() => {
          if (redriveTimer) redriveTimer = setTimeout(tick, every).unref();
        });
    };
    redriveTimer = setTimeout(tick, every).unref();
  }

  return {
    url: portalOrigin,
    port,
    outbox,
    queues,
    drainQueues,
    redrive,
    stripe: sandbox,
    webhooks,
    files,
    dynamo,
    stores,
    source,
    handlerOf,
    demo,
    stop: async () => {
      if (redriveTimer) clearTimeout(redriveTimer);
      redriveTimer = null;
      await drainQueues();
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await sandbox?.stop();
      await dynamo.stop();
      if (endpointFile) await rm(endpointFile, { force: true });
    },
  };
}
