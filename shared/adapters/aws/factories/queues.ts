import { envNames } from '../../../config/env-names';
import type { QueueName } from '../../../routes';
import { required, type Env } from '../../../config/env';

/** One SQS client per function, one adapter per queue it may send to (see files.ts for the lazy require). */
let client: import('@aws-sdk/client-sqs').SQSClient | undefined;

export const sqsQueues = (env: Env, name: QueueName) => {
  const { SQSClient } = require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
  const { SqsQueue } = require('../sqs-queue') as typeof import('../sqs-queue');
  client ??= new SQSClient({});
  return new SqsQueue<never>(client, required(env, envNames.queueUrl[name]));
};
