/**
 * The notification queue's consumer: on AWS an SQS-triggered Lambda, locally the in-process
 * queue calls the same handler. Each message is handled on its own; a failed one is reported
 * back (partial batch response) so SQS retries just it, and after five tries parks it in the
 * dead-letter queue.
 */
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { issueSignInLink } from '../../shared/auth/issue-sign-in-link';
import type { NotificationJob } from '../../shared/domain/ports';
import { describeError, logger } from '../../shared/logging/logger';
import { runtime, type AdapterFactories } from '../runtime/runtime';
import { sesSnsNotifier } from '../runtime/aws-adapters/ses-sns-notifier';

const adapters: AdapterFactories = { notifier: sesSnsNotifier };

async function handle(job: NotificationJob): Promise<void> {
  const rt = runtime(adapters);
  switch (job.kind) {
    case 'sign-in-link': {
      const outcome = await issueSignInLink(job, {
        directory: rt.directory,
        links: rt.auth,
        notifier: rt.notifier(),
        clock: rt.clock,
        random: rt.random,
        portalOrigin: rt.config.portalOrigin,
      });
      // The outcome, never the address or the link.
      logger.info('notification', { kind: job.kind, requestId: job.requestId, channel: job.contact.channel, outcome });
      return;
    }
    default:
      throw new Error(`Unknown notification kind: ${(job as { kind: string }).kind}`);
  }
}

const sqsHandler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await handle(JSON.parse(record.body) as NotificationJob);
    } catch (error) {
      logger.error('notification failed', { messageId: record.messageId, ...describeError(error) });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});

export const handler = Object.assign(sqsHandler, { adapters: Object.keys(adapters) as (keyof AdapterFactories)[] });
