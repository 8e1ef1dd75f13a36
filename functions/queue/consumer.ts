/**
 * Builds a queue consumer's Lambda handler from its row in shared/routes.ts (its `access`
 * decides its `deps`, as for routes). Each message is handled on its own; a failed one is
 * reported back (partial batch response) so SQS retries just it and, after five receives,
 * parks it in the queue's dead-letter queue.
 *
 * By default a batch's messages are handled one after another. `concurrent` handles them all at
 * once (the webhooks consumer: one slow receiver must not use up the time of the others, other
 * businesses' included); the handler then gets the invocation's remaining time to set each
 * message's own deadline inside the function's.
 */
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueMessages } from '../../shared/queues';
import { describeError, injectLambdaContext, logger } from '../../shared/logging/logger';
import type { Consumer } from '../../shared/routes';
import { depsCache, type AwsFactoriesSpec, type DepsFor } from '../wiring/deps';

export interface ConsumerOptions {
  /** Handle the batch's messages at once rather than one after another. */
  concurrent?: boolean;
}

/** The Lambda invocation a message is handled in. */
export interface Invocation {
  /** Milliseconds until Lambda stops the function (its timeout). */
  remainingMs(): number;
}

export function queueConsumer<C extends Consumer>(
  consumer: C,
  spec: AwsFactoriesSpec<C['access']>,
  handle: (message: QueueMessages[C['queue']], deps: DepsFor<C['access']>, record: SQSRecord, invocation: Invocation) => Promise<Record<string, unknown>>,
  options: ConsumerOptions = {},
) {
  const depsOf = depsCache<C['access']>(consumer.access, (spec.aws ?? {}) as object, consumer.name);
  return middy<SQSEvent, SQSBatchResponse>().use(injectLambdaContext()).handler(async (event, context: Context) => {
    const invocation: Invocation = { remainingMs: () => context.getRemainingTimeInMillis() };
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const handleOne = async (record: SQSRecord) => {
      try {
        const message = JSON.parse(record.body) as QueueMessages[C['queue']];
        // What happened, never the addresses, links or texts it carried.
        const outcome = await handle(message, depsOf(), record, invocation);
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
}
