/**
 * Test helpers: synthesize the same stack infra/app.ts builds, with cdk.json's context (feature
 * flags) so tests see what `cdk synth` sees, but without esbuild bundling (one test bundles
 * for real, see bundling.test.ts), against a stand-in frontend build, and with a stand-in
 * handler for any entry file not written yet (handlers.test.ts is what requires them all).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { createPortalStack, type PortalStackOptions } from './portal-app';
import { projectRoot } from './portal-function';
import type { PortalStack } from './portal-stack';
import { consumers, routes } from '../../shared/routes';

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
  /**
   * The stage as one template: the nested stack's resources beside the parent's, with the values
   * crossing between them (parameters in, outputs out) replaced by what they stand for, so a test
   * reads a business API function's variables as `{ Ref: <the parent's table> }` like any other's.
   */
  readonly template: Template;
  /** Each stack's own template, as CloudFormation deploys it (500 resources each at most). */
  readonly stackTemplates: { readonly parent: Template; readonly businessApi: Template; readonly monitoring: Template };
}

/** Stands in for an entry file that does not exist yet (see stand-in-handler.ts). */
export const standInEntry = path.relative(projectRoot, path.join(__dirname, 'stand-in-handler.ts'));

function withExistingEntries<T extends { entry: string }>(defs: readonly T[]): T[] {
  return defs.map((def) => (fs.existsSync(path.join(projectRoot, def.entry)) ? def : { ...def, entry: standInEntry }));
}

export function buildPortal(
  context: Record<string, unknown> = {},
  frontendDist = fakeFrontendBuild(),
  options: Omit<PortalStackOptions, 'frontendDist'> = {},
): { app: App; stack: PortalStack } {
  const app = new App({
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context },
  });
  return {
    app,
    stack: createPortalStack(app, {
      frontendDist,
      // Without bundling only the entry's existence matters: a handler still being written is replaced.
      routes: withExistingEntries(options.routes ?? routes),
      consumers: withExistingEntries(options.consumers ?? consumers),
    }),
  };
}

/** `options` replaces the route table's routes or consumers (e.g. to measure the stack's growth). */
export function synthPortal(context: Record<string, unknown> = {}, options: Omit<PortalStackOptions, 'frontendDist'> = {}): SynthesizedPortal {
  const { app, stack } = buildPortal(context, undefined, options);
  const parent = Template.fromStack(stack);
  const businessApi = Template.fromStack(stack.businessApiFunctions);
  const monitoring = Template.fromStack(stack.monitoring);
  const nested = [stack.businessApiFunctions, stack.monitoring].map((child, i) => ({
    id: stack.getLogicalId(child.nestedStackResource as CfnElement),
    json: [businessApi, monitoring][i]!.toJSON() as TemplateJson,
  }));
  return { app, stack, template: Template.fromJSON(flattened(parent.toJSON() as TemplateJson, nested)), stackTemplates: { parent, businessApi, monitoring } };
}

type TemplateJson = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>; Outputs?: Record<string, { Value: unknown }>; [section: string]: unknown };

/** Replaces every object `replace` answers for, at any depth. */
function rewrite(value: unknown, replace: (node: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, replace));
  if (value === null || typeof value !== 'object') return value;
  const replaced = replace(value as Record<string, unknown>);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, replace)]));
}

/** One template of the parent and its nested stacks (see `SynthesizedPortal.template`). */
function flattened(parent: TemplateJson, nested: readonly { id: string; json: TemplateJson }[]): TemplateJson {
  const parametersOf = (id: string) => (parent.Resources[id]!.Properties?.Parameters ?? {}) as Record<string, unknown>;
  const fromParent = (id: string) => (node: Record<string, unknown>) => {
    const parameters = parametersOf(id);
    return typeof node.Ref === 'string' && node.Ref in parameters ? parameters[node.Ref] : undefined;
  };
  const outputsOf = new Map(nested.map(({ id, json }) => [id, json.Outputs ?? {}]));
  // A value a nested stack hands out (its output), as what it stands for in the parent's terms.
  const fromNested = (node: Record<string, unknown>): unknown => {
    const getAtt = node['Fn::GetAtt'];
    if (!Array.isArray(getAtt) || typeof getAtt[0] !== 'string' || !outputsOf.has(getAtt[0]) || typeof getAtt[1] !== 'string') return undefined;
    return rewrite(outputsOf.get(getAtt[0])![getAtt[1].replace(/^Outputs\./, '')]!.Value, fromParent(getAtt[0]));
  };
  const parentResources = rewrite(parent.Resources, fromNested) as TemplateJson['Resources'];
  for (const { id } of nested) delete parentResources[id];
  const merged = { ...parentResources };
  for (const { id, json } of nested) {
    // A parameter may itself be another nested stack's output (a function the alarms watch).
    const resources = rewrite(rewrite(json.Resources, fromParent(id)), fromNested) as TemplateJson['Resources'];
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (logicalId in merged) throw new Error(`${logicalId} is a logical id in two stacks`);
      merged[logicalId] = resource;
    }
  }
  return { ...parent, Resources: merged };
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
