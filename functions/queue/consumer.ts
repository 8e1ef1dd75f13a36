/**
 * Builds a queue consumer's Lambda handler from its row in shared/routes/ (its `access`
 * decides its `deps`, as for routes). Each message is handled on its own; a failed one is
 * reported back (partial batch response) so SQS retries just it and, after five receives,
 * parks it in the queue's dead-letter queue.
 *
 * By default a batch's messages are handled one after another. `concurrent` handles them all at
 * once (the webhooks consumer: one slow receiver must not use up the time of the others, other
 * businesses' included); the handler then gets the invocation's remaining time to set each
 * message's own deadline inside the function's.
 *
 * The spec names the stores the consumer uses (`stores: { … }`), as a route's does. What it
 * returns is Lambda's handler, built from Lambda's environment on the first invocation;
 * `handler.handlerWith(source)` builds the same over another composition root (functions/wiring/lambda.ts).
 */
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueMessages } from '../../shared/queues';
import { describeError, injectLambdaContext, logger } from '../../shared/logging/logger';
import { traceInvocation } from '../../shared/logging/tracing';
import type { Consumer } from '../../shared/routes';
import { grantedDeps, type AdapterSource, type AwsFactoriesSpec, type DepsFor, type StoresSpec } from '../wiring/deps';
import { deployable } from '../wiring/lambda';
import type { StoreFactories } from '../wiring/stores';

export interface ConsumerOptions {
  /** Handle the batch's messages at once rather than one after another. */
  concurrent?: boolean;
}

/** The Lambda invocation a message is handled in. */
export interface Invocation {
  /** Milliseconds until Lambda stops the function (its timeout). */
  remainingMs(): number;
}

export function queueConsumer<C extends Consumer, S extends StoreFactories = {}>(
  consumer: C,
  spec: AwsFactoriesSpec<C['access']> & StoresSpec<C['access'], S>,
  handle: (message: QueueMessages[C['queue']], deps: DepsFor<C['access'], S>, record: SQSRecord, invocation: Invocation) => Promise<Record<string, unknown>>,
  options: ConsumerOptions = {},
) {
  const build = (source: AdapterSource) => {
    const deps = grantedDeps(consumer.access, source, consumer.name, (spec as { stores?: S }).stores) as unknown as DepsFor<C['access'], S>;
    return middy<SQSEvent, SQSBatchResponse>().use(injectLambdaContext()).use(traceInvocation()).handler(async (event, context: Context) => {
    const invocation: Invocation = { remainingMs: () => context.getRemainingTimeInMillis() };
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const handleOne = async (record: SQSRecord) => {
      try {
        const message = JSON.parse(record.body) as QueueMessages[C['queue']];
        // What happened, never the addresses, links or texts it carried.
        const outcome = await handle(message, deps, record, invocation);
        logger.info('queue message', { queue: consumer.queue, messageId: record.messageId, attempt: Number(record.attributes.ApproximateReceiveCount), ...outcome });
      } catch (error) {
        logger.error('queue message failed', { queue: consumer.queue, messageId: record.messageId, ...describeError(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    };
    if (options.concurrent) await Promise.all(event.Records.map(handleOne));
    else for (const record of event.Records) await handleOne(record);
    return { batchItemFailures };
    });
  };
  return deployable(build, (spec.aws ?? {}) as object);
}
