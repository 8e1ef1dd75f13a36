/**
 * Adapter factories require their SDK client inside the factory rather than importing it at
 * the top: the client module is then evaluated on first use, not at cold start, keeping each
 * function's module load near a bare DocumentClient's (measured by `npm run bench`).
 */
import { envNames } from '../../../shared/config/env-names';
import { required } from '../env';
import type { Env } from '../runtime';

export const sqsQueue = (env: Env) => {
  const { SQSClient } = require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
  const { SqsNotificationQueue } = require('../../../shared/adapters/aws/sqs-notification-queue') as typeof import('../../../shared/adapters/aws/sqs-notification-queue');
  return new SqsNotificationQueue(new SQSClient({}), required(env, envNames.notificationQueueUrl));
};
