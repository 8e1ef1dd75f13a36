/**
 * What a route table `access` object means on AWS: for each kind, the IAM statements its role
 * gets and the environment variables its function gets. Both halves sit side by side in one
 * entry, so a variable cannot exist without its permission or the reverse, and a new access
 * kind in shared/routes/ fails to compile until it has an entry here.
 */
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { type FunctionAccess, type QueueName, type SecretName, tableWriteFamilies } from '../../shared/routes';
import { partitionFamilies } from './table-partitions';
import { envNames } from '../../shared/config/env-names';

/** What an `access` object can point at. */
export interface AccessTargets {
  readonly table: ITable;
  readonly filesBucket: IBucket;
  readonly queues: Readonly<Record<QueueName, IQueue>>;
  readonly secrets: Readonly<Record<SecretName, ISecret>>;
  readonly email: {
    readonly from: string;
    /** SES identity (domain or address) ARN: ses:SendEmail is allowed for this sender only. */
    readonly identityArn: string;
    readonly configurationSet?: { readonly name: string; readonly arn: string };
  };
  readonly sms: { readonly originationNumber?: string };
}

type Level<K extends keyof FunctionAccess> = NonNullable<FunctionAccess[K]>;

interface AccessGrant<K extends keyof FunctionAccess> {
  /** Adds exactly this access to the role (called once per role). */
  grant(role: Role, level: Level<K>, targets: AccessTargets): void;
  /** The variables the code needs to use this access. */
  environment(level: Level<K>, targets: AccessTargets): Record<string, string>;
}

/** One entry per access kind: a new kind in shared/routes/ fails to compile until it is granted here. */
const accessGrants: { [K in keyof Required<FunctionAccess>]: AccessGrant<K> } = {
  table: {
    grant(role, level, { table }) {
      if (level === 'readwrite') table.grantReadWriteData(role);
      else {
        table.grantReadData(role);
        // A read route's own writes (its session, a link's misses, its key's count, the
        // customer's unread marks): single-item writes in those partitions only. Each statement
        // needs the partition key (`Null` false) and every key it names to match
        // (ForAllValues): a request that named no key would otherwise pass ForAllValues.
        for (const family of tableWriteFamilies(level)) {
          const { patterns, actions } = partitionFamilies[family];
          role.addToPrincipalPolicy(
            new PolicyStatement({
              sid: `TableWrites${family[0]!.toUpperCase()}${family.slice(1)}`,
              actions: [...actions],
              resources: [table.tableArn],
              conditions: {
                'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] },
                Null: { 'dynamodb:LeadingKeys': 'false' },
              },
            }),
          );
        }
      }
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${indexesResourceOf(table)}]`,
        reason: 'Queries the table\'s indexes (the changes index of shared/data/table.ts); CDK grants them as <table>/index/*, which covers this one table\'s indexes only.',
      });
    },
    environment: (_level, { table }) => ({ [envNames.tableName]: table.tableName }),
  },

  files: {
    grant(role, level, { filesBucket }) {
      // Signing a download URL needs s3:GetObject; an upload URL is a presigned PUT and the upload
      // check a presigned HEAD (which s3:GetObject covers). bucket.grantRead/grantReadWrite would add
      // List*/GetBucket*/DeleteObject*, letting a function enumerate or delete every business's files.
      // Only `manage` (the upload check) may delete: it removes an upload whose bytes are not its declared type.
      const actions = level === 'read' ? ['s3:GetObject'] : level === 'readwrite' ? ['s3:GetObject', 's3:PutObject'] : ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'];
      role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [filesBucket.arnForObjects('*')] }));
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(filesBucket.node.defaultChild)}.Arn>/*]`,
        reason: `Object keys are chosen at upload time (business/job/file), so attachments are the bucket's objects; the actions are ${actions.join(' and ')} only.`,
      });
    },
    environment: (_level, { filesBucket }) => ({ [envNames.filesBucket]: filesBucket.bucketName }),
  },

  queues: {
    grant(role, names, { queues }) {
      for (const name of names) queues[name].grantSendMessages(role);
    },
    environment: (names, { queues }) => Object.fromEntries(names.map((name) => [envNames.queueUrl[name], queues[name].queueUrl])),
  },

  secrets: {
    grant(role, names, { secrets }) {
      // GetSecretValue on that secret's ARN only (secret.grantRead would add DescribeSecret).
      // The secrets use the AWS managed key, so no KMS grant is needed.
      for (const name of names) {
        role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secrets[name].secretArn] }));
      }
    },
    environment: (names, { secrets }) => Object.fromEntries(names.map((name) => [envNames.secretArn[name], secrets[name].secretArn])),
  },

  payments: {
    // Stripe is reached with the platform's key, which lives in the `stripe` secret: reading that
    // one secret is the whole grant.
    grant(role, _yes, targets) {
      accessGrants.secrets.grant(role, ['stripe'], targets);
    },
    environment: (_yes, targets) => accessGrants.secrets.environment(['stripe'], targets),
  },

  webhookPosts: {
    // Outbound HTTPS to the businesses' endpoints needs no AWS permission and no variable: the
    // function has internet egress (it runs outside a VPC), and the transport checks each address
    // it connects to (rule 61).
    grant() {},
    environment: () => ({}),
  },

  sendEmail: {
    grant(role, _yes, { email }) {
      // SES also authorizes the configuration set named in the request.
      const resources = [email.identityArn, ...(email.configurationSet ? [email.configurationSet.arn] : [])];
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources }));
    },
    environment: (_yes, { email }) => ({
      [envNames.emailFrom]: email.from,
      ...(email.configurationSet ? { [envNames.sesConfigurationSet]: email.configurationSet.name } : {}),
    }),
  },

  sendSms: {
    grant(role) {
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'sns:Publish straight to a phone number has no topic ARN to scope to; IAM requires Resource "*" for SMS. Only the notification consumer has this grant.',
      });
    },
    environment: (_yes, { sms }): Record<string, string> => (sms.originationNumber ? { [envNames.smsOriginationNumber]: sms.originationNumber } : {}),
  },
};

/** The kinds in a fixed order, so equal access objects give equal keys whatever their key order. */
const kinds = Object.keys(accessGrants) as (keyof FunctionAccess)[];

function entriesOf(access: FunctionAccess): [keyof FunctionAccess, unknown][] {
  return kinds.filter((kind) => access[kind] !== undefined).map((kind) => [kind, access[kind]]);
}

/** Grants exactly what `access` lists to `role`. */
export function grantAccess(role: Role, access: FunctionAccess, targets: AccessTargets): void {
  for (const [kind, level] of entriesOf(access)) {
    (accessGrants[kind] as AccessGrant<typeof kind>).grant(role, level as never, targets);
  }
}

/** The variables a function with `access` needs, from the same table as its grants. */
export function accessEnvironment(access: FunctionAccess, targets: AccessTargets): Record<string, string> {
  return Object.assign({}, ...entriesOf(access).map(([kind, level]) => (accessGrants[kind] as AccessGrant<typeof kind>).environment(level as never, targets)));
}

/**
 * A canonical, readable description of an access object (`table=readwrite queues=notifications`):
 * two objects get the same key exactly when they grant the same thing. Lists are sorted and
 * deduplicated; an empty object is `none`.
 */
export function accessKey(access: FunctionAccess): string {
  const parts = entriesOf(access).map(([kind, level]) => {
    if (Array.isArray(level)) return level.length ? `${kind}=${[...new Set(level as string[])].sort().join(',')}` : '';
    return level === true ? kind : `${kind}=${String(level)}`;
  });
  return parts.filter(Boolean).join(' ') || 'none';
}

/** For cdk-nag finding ids, which name resources by logical id. */
/** How cdk-nag names the grant's `<table>/index/*` resource: by the owned table's logical id, or by a restored table's ARN. */
function indexesResourceOf(table: ITable): string {
  const owned = table.node.defaultChild;
  if (owned) return `<${logicalIdOf(owned)}.Arn>/index/*`;
  return `arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${table.tableName}/index/*`;
}

function logicalIdOf(element: unknown): string {
  const cfn = element as CfnElement;
  return Stack.of(cfn).resolve(cfn.logicalId) as string;
}
