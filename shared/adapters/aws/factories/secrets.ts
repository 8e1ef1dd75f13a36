import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerSecrets } from '../secrets-manager';
import { envNames } from '../../../config/env-names';
import { required, type Env } from '../../../config/env';

/** See files.ts for why the SDK is imported at the top. */
export const secretsManager = (env: Env) => {
  return new SecretsManagerSecrets(new SecretsManagerClient({}), required(env, envNames.secretArn.originVerify));
};
