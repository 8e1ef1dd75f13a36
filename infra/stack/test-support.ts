/**
 * Test helpers: synthesize the same stack infra/app.ts builds, with cdk.json's context (feature
 * flags) so tests see what `cdk synth` sees, but without esbuild bundling (one test bundles
 * for real, see bundling.test.ts) and against a stand-in frontend build.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { createPortalStack } from './portal-app';
import { projectRoot } from './portal-function';
import type { PortalStack } from './portal-stack';

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

/** A directory that looks like `frontend/dist`, so tests do not depend on the frontend build. */
export function fakeFrontendBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-dist-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Portal</title><script src="/assets/app-TEST.js"></script>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app-TEST.js'), 'console.log("portal")');
  return dir;
}

export interface SynthesizedPortal {
  readonly app: App;
  readonly stack: PortalStack;
  readonly template: Template;
}

export function buildPortal(context: Record<string, unknown> = {}, frontendDist = fakeFrontendBuild()): { app: App; stack: PortalStack } {
  const app = new App({
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context },
  });
  return { app, stack: createPortalStack(app, { frontendDist }) };
}

export function synthPortal(context: Record<string, unknown> = {}): SynthesizedPortal {
  const { app, stack } = buildPortal(context);
  return { app, stack, template: Template.fromStack(stack) };
}

export function functionLogicalId(stack: PortalStack, name: string): string {
  const fn = stack.functions.get(name);
  if (!fn) throw new Error(`No function named ${name}`);
  return Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every IAM statement attached to the named function's execution role. */
export function statementsOf(synth: SynthesizedPortal, name: string): Statement[] {
  const fn = synth.stack.functions.get(name);
  if (!fn) throw new Error(`No function named ${name}`);
  const roleId = synth.stack.getLogicalId(fn.executionRole.node.defaultChild as CfnRole);
  const policies = synth.template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export function actionsOf(statements: readonly Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
