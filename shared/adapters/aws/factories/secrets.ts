import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerSecrets } from '../secrets-manager';
import type { Env } from '../../../config/env';

/** See files.ts for why the SDK is imported at the top. Each secret's ARN is read from `env` when first asked for. */
export const secretsManager = (env: Env) => new SecretsManagerSecrets(new SecretsManagerClient({}), env);
