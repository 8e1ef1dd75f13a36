/**
 * The stack's Secrets Manager secrets, one per SecretName of shared/routes/ (a new name fails
 * to compile until it has a factory here). Functions read them at run time by ARN; their values
 * never appear in a template, in code or in CDK context.
 */
import { type RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { originVerifyHeader } from '../../shared/config/env-names';
import type { SecretName } from '../../shared/routes';

export interface SecretsProps {
  readonly removalPolicy: RemovalPolicy;
}

/** The JSON field CloudFront sends; functions accept it and `previousField`. */
export const currentField = 'current';
export const previousField = 'previous';

/** The fields ops fill in the `stripe` secret (README, "Stripe"). */
export const stripeSecretFields = { secretKey: 'secretKey', webhookSecret: 'webhookSecret' } as const;

const factories: { [K in SecretName]: (scope: Construct, props: SecretsProps) => Secret } = {
  stripe(scope, { removalPolicy }) {
    const secret = new Secret(scope, 'StripeSecret', {
      description: `The platform's Stripe keys: JSON {"${stripeSecretFields.secretKey}": "sk_live_… or sk_test_…", "${stripeSecretFields.webhookSecret}": "whsec_… of the Connect webhook endpoint"}. Created with empty values; ops fill them (README, "Stripe").`,
      // Empty placeholders only, never a key: payments refuse to start until ops fill them.
      secretStringValue: SecretValue.unsafePlainText(JSON.stringify({ [stripeSecretFields.secretKey]: '', [stripeSecretFields.webhookSecret]: '' })),
      removalPolicy,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Stripe issues and rolls these keys in its dashboard; ops paste the new values here (README, "Stripe"). A rotation Lambda cannot create Stripe keys.',
    });
    return secret;
  },
  originVerify(scope, { removalPolicy }) {
    const secret = new Secret(scope, 'OriginVerifySecret', {
      description: `Value CloudFront sends to the API in ${originVerifyHeader}: JSON {"${currentField}", "${previousField}"}; functions accept both. Rotation: docs/operations.md.`,
      // CloudFormation generates one random field: `current`. `previous` starts empty, meaning
      // "none"; the first rotation fills it.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ [previousField]: '' }),
        generateStringKey: currentField,
        passwordLength: 64,
        // Sent as an HTTP header value: letters and digits only.
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotated by an operations procedure, not a rotation Lambda: the new value goes in "current" and the old one in "previous" (functions accept both), then a deploy with -c originVerifyVersionId=<new version> makes CloudFront send it. See docs/operations.md.',
    });
    return secret;
  },
};

export function createSecrets(scope: Construct, props: SecretsProps): Record<SecretName, Secret> {
  return Object.fromEntries(
    (Object.keys(factories) as SecretName[]).map((name) => [name, factories[name](scope, props)]),
  ) as Record<SecretName, Secret>;
}
