import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsQueue } from '../sqs-queue';
import { envNames } from '../../../config/env-names';
import type { QueueName } from '../../../routes/kinds';
import { required, type Env } from '../../../config/env';
import { traceAwsClient } from '../../../logging/tracing';

/** One SQS client per function, one adapter per queue it may send to. */
let client: SQSClient | undefined;

export const sqsQueues = (env: Env, name: QueueName) => {
  client ??= traceAwsClient(new SQSClient({}));
  return new SqsQueue<never>(client, required(env, envNames.queueUrl[name]));
};
