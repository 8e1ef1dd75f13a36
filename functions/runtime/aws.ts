/**
 * The AWS composition root: the only module that reads Lambda's environment. Configuration
 * is read once, at cold start, and a missing variable fails loudly then rather than on the
 * first customer's request.
 */
import { randomBytes } from 'node:crypto';
import { createDocumentClient } from '../../shared/data/document-client';
import { createDynamoStores } from '../../shared/data/dynamo-store';
import type { FileStore, NotificationQueue, Notifier } from '../../shared/domain/ports';
import { envNames } from '../../shared/runtime/env-names';
import type { Runtime } from './runtime';

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}: the CDK stack sets it for functions that need it.`);
  return value;
}

const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export function createAwsRuntime(env: Env): Runtime {
  // Functions without table access (health) never create the client or need TABLE_NAME.
  const stores = once(() => createDynamoStores(createDocumentClient(), required(env, envNames.tableName)));

  return {
    config: {
      stage: required(env, envNames.stage),
      portalOrigin: required(env, envNames.portalOrigin),
      clientIpHeader: env[envNames.clientIpHeader] || null,
    },
    clock: { now: () => new Date() },
    random: { bytes: (count) => randomBytes(count) },
    get directory() { return stores().directory; },
    get auth() { return stores().auth; },
    get jobs() { return stores().jobs; },
    queue: once((): NotificationQueue => {
      const { SQSClient } = require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
      const { SqsNotificationQueue } = require('../../shared/adapters/aws/sqs-notification-queue') as typeof import('../../shared/adapters/aws/sqs-notification-queue');
      return new SqsNotificationQueue(new SQSClient({}), required(env, envNames.notificationQueueUrl));
    }),
    notifier: once((): Notifier => {
      const { SESv2Client } = require('@aws-sdk/client-sesv2') as typeof import('@aws-sdk/client-sesv2');
      const { SNSClient } = require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns');
      const { SesSnsNotifier } = require('../../shared/adapters/aws/ses-sns-notifier') as typeof import('../../shared/adapters/aws/ses-sns-notifier');
      return new SesSnsNotifier(new SESv2Client({}), new SNSClient({}), {
        emailFrom: required(env, envNames.emailFrom),
        sesConfigurationSet: env[envNames.sesConfigurationSet] || null,
        smsOriginationNumber: env[envNames.smsOriginationNumber] || null,
      });
    }),
    files: once((): FileStore => {
      const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
      const { S3FileStore } = require('../../shared/adapters/aws/s3-file-store') as typeof import('../../shared/adapters/aws/s3-file-store');
      return new S3FileStore(new S3Client({}), required(env, envNames.filesBucket));
    }),
  };
}
