/**
 * The one read-modify-write loop. Read the item; decide what to do with it (every check that must
 * hold at the write lives here, so a writer that lost a race checks again against what won);
 * write on the version read; on a conflict (another writer moved the version), read again, with
 * a short random backoff. Checks made on an earlier read never reach a write.
 */
import { backoff, maxWriteAttempts } from './retry';

/**
 * What `decide` found: nothing to write (`done`), or a conditional write and what follows it.
 * `lost` undoes what this attempt wrote besides the item (a claim, a stored image) when its write
 * lost the race: the next attempt decides afresh and writes what it needs.
 */
export type Decision<R> = { done: R } | { write: () => Promise<boolean>; after: () => Promise<R> | R; lost?: () => Promise<void> };

/**
 * `read` gets the attempt (0 first): a caller that already holds the first read can pass it in.
 * `backoff: false` reads again at once: for a write that, once lost, is settled (a decision: the
 * next read finds it decided and answers 409), where waiting would only delay that answer.
 */
export async function readModifyWrite<T, R>(
  read: (attempt: number) => Promise<T>,
  decide: (current: T) => Promise<Decision<R>> | Decision<R>,
  gaveUp: () => Error,
  options: { backoff?: boolean } = {},
): Promise<R> {
  for (let attempt = 0; attempt < maxWriteAttempts; attempt++) {
    if (options.backoff !== false) await backoff(attempt);
    const decision = await decide(await read(attempt));
    if ('done' in decision) return decision.done;
    if (await decision.write()) return decision.after();
    await decision.lost?.();
  }
  throw gaveUp();
}
