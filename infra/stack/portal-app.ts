/**
 * Builds the stage's stacks for the stage chosen by context: the portal's own stack, and the edge
 * stack in us-east-1 holding the web ACL of its CloudFront distribution (waf.ts). Shared by
 * infra/app.ts and the tests, so what the tests assert is what `cdk synth` produces.
 */
import { type App, type Environment, Tags } from 'aws-cdk-lib';
import { resolveStageConfig } from './config';
import { PortalStack, type PortalStackProps } from './portal-stack';
import { EdgeWaf, edgeStackName } from './waf';

export type PortalStackOptions = Pick<PortalStackProps, 'frontendDist' | 'routes' | 'consumers'>;

export interface PortalStacks {
  readonly portal: PortalStack;
  /** The web ACL, in us-east-1 (`Portal-<stage>-Edge`); `cdk deploy --all` deploys it first. */
  readonly edge: EdgeWaf;
}

export function createPortalStack(app: App, options: PortalStackOptions = {}): PortalStack {
  return createPortalStacks(app, options).portal;
}

export function createPortalStacks(app: App, options: PortalStackOptions = {}): PortalStacks {
  const config = resolveStageConfig((key) => app.node.tryGetContext(key));
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const stackName = `Portal-${config.stage}`;
  const edge = new EdgeWaf(app, edgeStackName(stackName), {
    stage: config.stage,
    wafMode: config.wafMode,
    ...(options.routes ? { routes: options.routes } : {}),
    // Always us-east-1 (a CloudFront web ACL lives nowhere else); the account when the CLI knows it.
    ...(account ? { env: { account } satisfies Environment } : {}),
    description: `Web ACL of the customer portal's CloudFront distribution (${config.stage}), in us-east-1`,
    terminationProtection: config.stage === 'prod',
  });
  const portal = new PortalStack(app, stackName, {
    config,
    ...options,
    // Environment-agnostic unless the CLI knows the account (it does not offline).
    ...(account && region ? { env: { account, region } } : {}),
    description: `Customer portal (${config.stage})`,
    terminationProtection: config.stage === 'prod',
  });
  portal.web.protectWith(edge.webAclArnFor(portal));
  for (const stack of [portal, edge]) {
    Tags.of(stack).add('project', 'customer-portal');
    Tags.of(stack).add('stage', config.stage);
  }
  return { portal, edge };
}
