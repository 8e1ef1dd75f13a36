/**
 * Builds the portal stack for the stage chosen by context. Shared by infra/app.ts and the tests,
 * so what the tests assert is what `cdk synth` produces.
 */
import { type App, Tags } from 'aws-cdk-lib';
import { resolveStageConfig } from './config';
import { PortalStack, type PortalStackProps } from './portal-stack';

export type PortalStackOptions = Pick<PortalStackProps, 'frontendDist' | 'routes' | 'consumers'>;

export function createPortalStack(app: App, options: PortalStackOptions = {}): PortalStack {
  const config = resolveStageConfig((key) => app.node.tryGetContext(key));
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const stack = new PortalStack(app, `Portal-${config.stage}`, {
    config,
    ...options,
    // Environment-agnostic unless the CLI knows the account (it does not offline).
    ...(account && region ? { env: { account, region } } : {}),
    description: `Customer portal (${config.stage})`,
    terminationProtection: config.stage === 'prod',
  });
  Tags.of(stack).add('project', 'customer-portal');
  Tags.of(stack).add('stage', config.stage);
  return stack;
}
