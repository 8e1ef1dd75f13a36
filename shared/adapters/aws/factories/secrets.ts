import { envNames } from '../../../config/env-names';
import { required, type Env } from '../../../config/env';

/** See files.ts for why the SDK is required here, not imported. */
export const secretsManager = (env: Env) => {
  const { SecretsManagerClient } = require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
  const { SecretsManagerSecrets } = require('../secrets-manager') as typeof import('../secrets-manager');
  return new SecretsManagerSecrets(new SecretsManagerClient({}), required(env, envNames.secretArn.originVerify));
};
