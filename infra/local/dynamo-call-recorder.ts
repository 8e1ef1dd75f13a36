/**
 * Records the DynamoDB operations sent through a DocumentClient, in order: integration tests
 * assert them per endpoint (and how many sequential round trips they took), the benchmark prints
 * them and replays the Queries it saw.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';

export interface RecordedCall {
  /** `GetItem`, `Query`, `BatchGetItem`, ...: the low-level API operation. */
  operation: string;
  /** The input as the store built it (document form, before marshalling). */
  input: Record<string, unknown>;
  /** When `send` was called and when it settled (performance.now(), ms): which calls overlapped. */
  startedAt: number;
  endedAt?: number;
}

/** A call's span in time, as the recorder, the benchmark's proxy or its stub saw it. */
export interface TimedCall {
  startedAt: number;
  endedAt?: number;
}

/**
 * The sequential round trips a list of calls took, in order: a call's round is one more than the
 * latest round among the calls that had answered before it was sent (it may have waited for them);
 * calls sent before any had answered (under Promise.all) share the first. Calls of one round
 * overlap in time, so they could all be sent together; the count is the longest chain of waits.
 * A call still unanswered counts as lasting forever.
 */
export function roundsOf<T extends TimedCall>(calls: readonly T[]): T[][] {
  const rounds: T[][] = [];
  const placed: { call: T; round: number }[] = [];
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    const round = placed.reduce((latest, p) => ((p.call.endedAt ?? Infinity) <= call.startedAt ? Math.max(latest, p.round + 1) : latest), 0);
    placed.push({ call, round });
    (rounds[round] ??= []).push(call);
  }
  return rounds;
}

export interface DynamoCallRecorder {
  /** Off while a benchmark times requests: recording clones every input. */
  enabled: boolean;
  /** Calls recorded since the last take(), without clearing them. */
  peek(): RecordedCall[];
  /** Calls recorded since the last take(), clearing them. */
  take(): RecordedCall[];
  /** Every operation name sent since the recorder was installed, whether recording was on or not. */
  readonly everySeen: ReadonlySet<string>;
}

export function recordDynamoCalls(doc: DynamoDBDocumentClient, name: string): DynamoCallRecorder {
  let calls: RecordedCall[] = [];
  const everySeen = new Set<string>();
  const recorder: DynamoCallRecorder = {
    enabled: true,
    everySeen,
    peek: () => [...calls],
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
  };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      everySeen.add(String(context.commandName).replace(/Command$/, ''));
      if (!recorder.enabled) return next(args);
      const call: RecordedCall = {
        operation: String(context.commandName).replace(/Command$/, ''),
        input: structuredClone(args.input as Record<string, unknown>),
        startedAt: performance.now(),
      };
      calls.push(call);
      try {
        return await next(args);
      } finally {
        call.endedAt = performance.now();
      }
    },
    // At the initialize step the input is still the document form the store built.
    { step: 'initialize', name },
  );
  return recorder;
}
