import { envNames } from '../../../config/env-names';
import { required, type Env } from '../../../config/env';

/** See files.ts for why the SDK is required here, not imported. */
export const sesSnsNotifier = (env: Env) => {
  const { SESv2Client } = require('@aws-sdk/client-sesv2') as typeof import('@aws-sdk/client-sesv2');
  const { SNSClient } = require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns');
  const { SesSnsNotifier } = require('../ses-sns-notifier') as typeof import('../ses-sns-notifier');
  return new SesSnsNotifier(new SESv2Client({}), new SNSClient({}), {
    emailFrom: required(env, envNames.emailFrom),
    sesConfigurationSet: env[envNames.sesConfigurationSet] || null,
    smsOriginationNumber: env[envNames.smsOriginationNumber] || null,
  });
};
