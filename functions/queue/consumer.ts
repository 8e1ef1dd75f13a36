/**
 * Builds a queue consumer's Lambda handler from its row in shared/routes.ts (its `access`
 * decides its `deps`, as for routes). Each message is handled on its own; a failed one is
 * reported back (partial batch response) so SQS retries just it and, after five receives,
 * parks it in the queue's dead-letter queue.
 */
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueMessages } from '../../shared/domain/ports';
import { describeError, injectLambdaContext, logger } from '../../shared/logging/logger';
import type { Consumer } from '../../shared/routes';
import { depsCache, type AwsFactoriesSpec, type DepsFor } from '../wiring/deps';

export function queueConsumer<C extends Consumer>(
  consumer: C,
  spec: AwsFactoriesSpec<C['access']>,
  handle: (message: QueueMessages[C['queue']], deps: DepsFor<C['access']>, record: SQSRecord) => Promise<Record<string, unknown>>,
) {
  const depsOf = depsCache<C['access']>(consumer.access, (spec.aws ?? {}) as object, consumer.name);
  return middy<SQSEvent, SQSBatchResponse>().use(injectLambdaContext()).handler(async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        const message = JSON.parse(record.body) as QueueMessages[C['queue']];
        // What happened, never the addresses, links or texts it carried.
        const outcome = await handle(message, depsOf(), record);
        logger.info('queue message', { queue: consumer.queue, messageId: record.messageId, attempt: Number(record.attributes.ApproximateReceiveCount), ...outcome });
      } catch (error) {
        logger.error('queue message failed', { queue: consumer.queue, messageId: record.messageId, ...describeError(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
}
