/**
 * The one way this project defines a Lambda. Defaults are set here once (runtime, arm64,
 * bundling, source maps, its own log group and role), and `grantAccess` turns a route table
 * `access` object into IAM grants and the environment variables the code reads, in the same
 * call, so a function can never have a variable without the permission or the reverse.
 */
import * as path from 'node:path';
import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { FunctionAccess } from '../../shared/routes';
import { envNames } from '../../shared/config/env-names';
import { functionBundling } from './bundling';

/** Route entries are relative to the project root (the directory holding package.json). */
export const projectRoot = path.resolve(__dirname, '..', '..');

export interface PortalFunctionProps {
  /** Entry file relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** Variables every function gets (stage, portal origin...); access-specific ones come from grantAccess. */
  readonly environment: Record<string, string>;
  /** API functions sit behind a 30 s API Gateway limit; most answer in well under a second. */
  readonly timeout?: Duration;
  readonly memorySize?: number;
}

/** What an `access` object can point at. */
export interface AccessTargets {
  readonly table: ITable;
  readonly filesBucket: IBucket;
  readonly notificationQueue: IQueue;
  readonly email: {
    readonly from: string;
    /** SES identity (domain or address) ARN: ses:SendEmail is allowed for this sender only. */
    readonly identityArn: string;
    readonly configurationSet?: { readonly name: string; readonly arn: string };
  };
  readonly sms: { readonly originationNumber?: string };
}

export class PortalFunction extends NodejsFunction {
  /** Created here rather than by Lambda so it holds only this function's grants and no managed policy. */
  public readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: PortalFunctionProps) {
    // Role and log group are siblings because they must exist before super() runs.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    const executionRole = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${id} function`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): write to its own group only.
    logGroup.grantWrite(executionRole);

    super(scope, id, {
      entry: path.join(projectRoot, props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      bundling: functionBundling,
      role: executionRole,
      logGroup,
      environment: {
        ...props.environment,
        // Stack traces point at the TypeScript source instead of minified code.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    this.executionRole = executionRole;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Runtime pinned to nodejs22.x by platform decision: bundling targets node22 and the runtime is moved deliberately, not by a CDK upgrade.',
    });
  }

  /** Grants exactly what `access` lists and sets the variable the code needs to use it. */
  grantAccess(access: FunctionAccess, targets: AccessTargets): void {
    for (const kind of Object.keys(access) as (keyof FunctionAccess)[]) {
      const level = access[kind];
      if (level === undefined) continue;
      (accessGrants[kind] as AccessGrant<typeof kind>)(this, level, targets);
    }
  }
}

type AccessGrant<K extends keyof FunctionAccess> = (
  fn: PortalFunction,
  level: NonNullable<FunctionAccess[K]>,
  targets: AccessTargets,
) => void;

/** One entry per access kind: a new kind in shared/routes.ts fails to compile until it is granted here. */
const accessGrants: { [K in keyof Required<FunctionAccess>]: AccessGrant<K> } = {
  table(fn, level, { table }) {
    if (level === 'read') table.grantReadData(fn);
    else table.grantReadWriteData(fn);
    fn.addEnvironment(envNames.tableName, table.tableName);
  },

  files(fn, _read, { filesBucket }) {
    // Signing a download URL needs s3:GetObject only; bucket.grantRead would add List*/GetBucket*,
    // which would let a function enumerate every business's attachments.
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [filesBucket.arnForObjects('*')] }));
    fn.addEnvironment(envNames.filesBucket, filesBucket.bucketName);
    const bucketLogicalId = Stack.of(fn).resolve((filesBucket.node.defaultChild as CfnBucket).logicalId) as string;
    Validations.of(fn.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
      reason: 'Object keys are chosen at upload time (business/job/file), so reading attachments needs the bucket\'s objects; the action is s3:GetObject only.',
    });
  },

  notificationQueue(fn, _send, { notificationQueue }) {
    notificationQueue.grantSendMessages(fn);
    fn.addEnvironment(envNames.notificationQueueUrl, notificationQueue.queueUrl);
  },

  sendEmail(fn, _yes, { email }) {
    const resources = [email.identityArn];
    if (email.configurationSet) {
      // SES also authorizes the configuration set named in the request.
      resources.push(email.configurationSet.arn);
      fn.addEnvironment(envNames.sesConfigurationSet, email.configurationSet.name);
    }
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources }));
    fn.addEnvironment(envNames.emailFrom, email.from);
  },

  sendSms(fn, _yes, { sms }) {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    if (sms.originationNumber) fn.addEnvironment(envNames.smsOriginationNumber, sms.originationNumber);
    Validations.of(fn.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:Publish straight to a phone number has no topic ARN to scope to; IAM requires Resource "*" for SMS. Only the notification consumer has this grant.',
    });
  },
};
