import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerSecrets } from '../secrets-manager';
import type { Env } from '../../../config/env';
import { traceAwsClient } from '../../../logging/tracing';

/** See files.ts for why the SDK is imported at the top. Each secret's ARN is read from `env` when first asked for. */
export const secretsManager = (env: Env) => new SecretsManagerSecrets(traceAwsClient(new SecretsManagerClient({})), env);
