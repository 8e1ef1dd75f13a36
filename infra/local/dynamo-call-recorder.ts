/**
 * Records the DynamoDB operations sent through a DocumentClient, in order: integration tests
 * assert them per endpoint, the benchmark prints them and replays the Queries it saw.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RecordedCall {
  /** `GetItem`, `Query`, `BatchGetItem`, ...: the low-level API operation. */
  operation: string;
  /** The input as the store built it (document form, before marshalling). */
  input: Record<string, unknown>;
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
      if (recorder.enabled) {
        calls.push({
          operation: String(context.commandName).replace(/Command$/, ''),
          input: structuredClone(args.input as Record<string, unknown>),
        });
      }
      return next(args);
    },
    // At the initialize step the input is still the document form the store built.
    { step: 'initialize', name },
  );
  return recorder;
}
