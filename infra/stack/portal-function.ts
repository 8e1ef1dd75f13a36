/**
 * The one way this project defines a Lambda. Defaults are set here once (runtime, arm64,
 * bundling, source maps). The role and log group come from outside (execution-roles.ts): one
 * role per distinct access and one log group for all functions, which is what keeps the stack
 * far from CloudFormation's resource limit. The access-specific environment comes with the
 * role (access.ts), so a function cannot get a variable without the permission or the reverse.
 * Every function is traced with X-Ray (Lambda's active tracing, the Powertools Tracer's variables).
 */
import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { functionBundling, functionNodeOptions, pdfFunctionBundling } from './bundling';
import { envNames } from '../../shared/config/env-names';

/**
 * What every function's Powertools Tracer reads (shared/logging/tracing.ts): on, and the service
 * its traces are annotated with (`Service`, one per stage: filter `annotation.Service = "portal-prod"`).
 */
export function tracingEnvironment(stage: string, traced = true): Record<string, string> {
  return { POWERTOOLS_TRACE_ENABLED: String(traced), POWERTOOLS_SERVICE_NAME: `portal-${stage}` };
}

/** Route entries are relative to the project root (the directory holding package.json). */
export const projectRoot = path.resolve(__dirname, '..', '..');

export interface PortalFunctionProps {
  /** Entry file relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Files it reads from beside its bundle (the route row's `bundleAssets`). */
  readonly bundleAssets?: readonly 'pdfFonts'[];
  /** Holds exactly the function's access (ExecutionRoles.forFunction). */
  readonly role: IRole;
  /** Shared by all functions; Lambda names the streams after the function. */
  readonly logGroup: ILogGroup;
  /** Common variables (stage, portal origin...) and the ones that go with the role's access. */
  readonly environment: Record<string, string>;
  /** API functions sit behind a 30 s API Gateway limit; most answer in well under a second. */
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** X-Ray on (the default), or off for a stage that chose the cold start over the traces (config.ts `tracing`). */
  readonly traced?: boolean;
}

export class PortalFunction extends NodejsFunction {
  /** Created by ExecutionRoles rather than by Lambda, so it holds no managed policy. */
  public readonly executionRole: IRole;

  constructor(scope: Construct, id: string, props: PortalFunctionProps) {
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
      bundling: props.bundleAssets?.includes('pdfFonts') ? pdfFunctionBundling : functionBundling,
      role: props.role,
      logGroup: props.logGroup,
      // X-Ray: Lambda samples (its default: the first request each second, then 5 %) and the Tracer adds the SDK's calls.
      // Off: Lambda neither samples nor traces, and the Tracer is never loaded (shared/logging/tracing.ts).
      tracing: props.traced === false ? Tracing.DISABLED : Tracing.ACTIVE,
      // No NODE_OPTIONS: source maps are shipped but not loaded at every cold start (bundling.ts).
      environment: {
        ...tracingEnvironment(props.environment[envNames.stage] ?? 'unknown', props.traced !== false),
        ...props.environment,
        ...(functionNodeOptions ? { NODE_OPTIONS: functionNodeOptions } : {}),
      },
    });
    this.executionRole = props.role;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Runtime pinned to nodejs22.x by platform decision: bundling targets node22 and the runtime is moved deliberately, not by a CDK upgrade.',
    });
  }
}
