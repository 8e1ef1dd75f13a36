import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { StripeGateway } from '../../stripe/stripe-gateway';
import { SecretsManagerSecrets } from '../secrets-manager';
import type { Env } from '../../../config/env';
import { traceAwsClient } from '../../../logging/tracing';

/** Stripe on the platform's key, which the `stripe` secret holds (read on first use; see files.ts for the imports). */
export const stripePayments = (env: Env) => {
  const secrets = new SecretsManagerSecrets(traceAwsClient(new SecretsManagerClient({})), env);
  return new StripeGateway(() => secrets.stripe());
};
