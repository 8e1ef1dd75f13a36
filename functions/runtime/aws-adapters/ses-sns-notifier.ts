import { envNames } from '../../../shared/config/env-names';
import { required } from '../env';
import type { Env } from '../runtime';

/** Required on first use, not at load: see sqs-queue.ts. */
export const sesSnsNotifier = (env: Env) => {
  const { SESv2Client } = require('@aws-sdk/client-sesv2') as typeof import('@aws-sdk/client-sesv2');
  const { SNSClient } = require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns');
  const { SesSnsNotifier } = require('../../../shared/adapters/aws/ses-sns-notifier') as typeof import('../../../shared/adapters/aws/ses-sns-notifier');
  return new SesSnsNotifier(new SESv2Client({}), new SNSClient({}), {
    emailFrom: required(env, envNames.emailFrom),
    sesConfigurationSet: env[envNames.sesConfigurationSet] || null,
    smsOriginationNumber: env[envNames.smsOriginationNumber] || null,
  });
};
