/**
 * Secrets from AWS Secrets Manager, read at cold start and re-read every few minutes so a
 * rotation reaches warm functions without a deploy.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Secrets } from '../../domain/ports';

const refreshMs = 5 * 60_000;

export class SecretsManagerSecrets implements Secrets {
  private cached: { values: string[]; at: number } | undefined;

  constructor(private readonly client: SecretsManagerClient, private readonly originVerifyArn: string, private readonly now = () => Date.now()) {}

  async originVerify(): Promise<string[]> {
    if (this.cached && this.now() - this.cached.at < refreshMs) return this.cached.values;
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: this.originVerifyArn }));
    const parsed = JSON.parse(SecretString ?? '{}') as { current?: unknown; previous?: unknown };
    // Both values are accepted while a rotation propagates to CloudFront (docs/operations.md).
    const values = [parsed.current, parsed.previous].filter((v): v is string => typeof v === 'string' && v.length >= 16);
    this.cached = { values, at: this.now() };
    return values;
  }
}
