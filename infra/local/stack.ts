/**
 * The whole portal in one process: dynalite, the real handlers behind the local gateway, the
 * notification consumer on an in-process queue, the outbox, local files. `npm start` and the
 * integration and browser tests all start it through here.
 */
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createDynamoStores, type DynamoStores } from '../../shared/data/dynamo-store';
import type { Clock } from '../../shared/domain/ports';
import { installRuntime, type Runtime } from '../../functions/runtime/runtime';
import { InProcessQueue } from './adapters/in-process-queue';
import { LocalFileStore } from './adapters/local-file-store';
import { Outbox } from './adapters/outbox';
import { startLocalDynamo, type LocalDynamo } from './dynamo';
import { createGateway } from './gateway';
import { createLocalRuntime } from './runtime';
import { demo, seedDemoData } from './seed';

export const projectRoot = resolve(__dirname, '../..');

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
   * Trust this request header for the client's IP, as Lambda trusts CloudFront's. Tests use it
   * to act as many different visitors; `npm start` leaves it unset (the socket's address).
   */
  clientIpHeader?: string;
}

export interface LocalStack {
  url: string;
  port: number;
  outbox: Outbox;
  queue: InProcessQueue;
  dynamo: LocalDynamo;
  stores: DynamoStores;
  runtime: Runtime;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const print = options.print ?? (() => undefined);
  const dataDir = options.memory ? null : resolve(options.dataDir ?? join(projectRoot, '.data'));
  const dynamo = await startLocalDynamo({ dataDir: dataDir && join(dataDir, 'dynamodb') });
  const outbox = new Outbox(print);

  // The origin is known only once the port is; the runtime reads it lazily.
  let portalOrigin = '';
  const files = new LocalFileStore(() => portalOrigin, dataDir && join(dataDir, 'files'));
  const queue = new InProcessQueue(
    () => (require('../../functions/queue/send-notification') as typeof import('../../functions/queue/send-notification')).handler,
    { maxAttempts: 5, retryDelayMs: 200, warn: (line) => print(line) },
  );
  const server = createGateway({ projectRoot, staticDir: join(projectRoot, 'frontend/dist'), outbox, files });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => done());
  });
  const port = (server.address() as AddressInfo).port;
  portalOrigin = `http://localhost:${port}`;

  const stores = createDynamoStores(dynamo.doc, dynamo.tableName);
  const runtime = createLocalRuntime({ stores, outbox, queue, files, portalOrigin, clientIpHeader: options.clientIpHeader ?? null, ...(options.clock ? { clock: options.clock } : {}) });
  installRuntime(runtime);
  if (options.seed !== false && !(await stores.directory.getBusiness(demo.acme.id))) {
    await seedDemoData(stores, files, runtime.clock.now());
    print('Seeded demo data: Acme Plumbing & Heating (acme) and Bright Clean (brightclean).');
  }

  return {
    url: portalOrigin,
    port,
    outbox,
    queue,
    dynamo,
    stores,
    runtime,
    stop: async () => {
      await queue.drain();
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await dynamo.stop();
    },
  };
}
