import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SesSnsNotifier } from '../ses-sns-notifier';
import { envNames } from '../../../config/env-names';
import { required, type Env } from '../../../config/env';
import { traceAwsClient } from '../../../logging/tracing';

/** See files.ts for why the SDK is imported at the top. */
export const sesSnsNotifier = (env: Env) => {
  return new SesSnsNotifier(traceAwsClient(new SESv2Client({})), traceAwsClient(new SNSClient({})), {
    emailFrom: required(env, envNames.emailFrom),
    sesConfigurationSet: env[envNames.sesConfigurationSet] || null,
    smsOriginationNumber: env[envNames.smsOriginationNumber] || null,
  });
};
