/**
 * Secrets from AWS Secrets Manager, read on first use and re-read every few minutes so a
 * rotation reaches warm functions without a deploy. Each secret's ARN comes from the function's
 * environment, which only rows granting that secret have (infra/stack/access.ts).
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { envNames } from '../../config/env-names';
import { required, type Env } from '../../config/env';
import type { Secrets, StripeKeys } from '../../config/secrets';
import type { SecretName } from '../../routes/kinds';

const refreshMs = 5 * 60_000;

export class SecretsManagerSecrets implements Secrets {
  private readonly cache = new Map<SecretName, { value: Record<string, unknown>; at: number }>();

  constructor(private readonly client: SecretsManagerClient, private readonly env: Env, private readonly now = () => Date.now()) {}

  private async read(name: SecretName): Promise<Record<string, unknown>> {
    const cached = this.cache.get(name);
    if (cached && this.now() - cached.at < refreshMs) return cached.value;
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: required(this.env, envNames.secretArn[name]) }));
    const value = JSON.parse(SecretString ?? '{}') as Record<string, unknown>;
    this.cache.set(name, { value, at: this.now() });
    return value;
  }

  async originVerify(): Promise<string[]> {
    const { current, previous } = await this.read('originVerify');
    // Both values are accepted while a rotation propagates to CloudFront (docs/operations.md).
    return [current, previous].filter((v): v is string => typeof v === 'string' && v.length >= 16);
  }

  async stripe(): Promise<StripeKeys> {
    const { secretKey, webhookSecret } = await this.read('stripe');
    return { secretKey: typeof secretKey === 'string' ? secretKey : '', webhookSecret: typeof webhookSecret === 'string' ? webhookSecret : '' };
  }
}
