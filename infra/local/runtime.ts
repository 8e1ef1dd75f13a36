/**
 * The local composition root: the same ports as on AWS, wired to dynalite, the outbox, the
 * in-process queue and local files. The DynamoDB adapter is the very one Lambda uses.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoStores } from '../../shared/data/dynamo-store';
import type { Clock } from '../../shared/domain/ports';
import type { Runtime } from '../../functions/runtime/runtime';
import type { InProcessQueue } from './adapters/in-process-queue';
import type { LocalFileStore } from './adapters/local-file-store';
import type { Outbox } from './adapters/outbox';

export function createLocalRuntime(parts: {
  stores: DynamoStores;
  outbox: Outbox;
  queue: InProcessQueue;
  files: LocalFileStore;
  portalOrigin: string;
  clientIpHeader: string | null;
  clock?: Clock;
}): Runtime {
  const { stores } = parts;
  return {
    config: { stage: 'local', portalOrigin: parts.portalOrigin, clientIpHeader: parts.clientIpHeader },
    clock: parts.clock ?? { now: () => new Date() },
    random: { bytes: (count) => randomBytes(count) },
    directory: stores.directory,
    auth: stores.auth,
    jobs: stores.jobs,
    queue: () => parts.queue,
    notifier: () => parts.outbox,
    files: () => parts.files,
  };
}
