/**
 * `npm run deploy:check -- [-c key=value ...]`: the verdict CI gives the stack, for the stage an
 * operator is about to deploy, before `cdk deploy`: it synthesizes the app exactly as
 * `cdk synth` does (same context keys, the functions bundled by esbuild), fails on any cdk-nag
 * finding (errors and warnings) not acknowledged in the code, and counts each stack's resources
 * (the stage's, its nested ones, and the edge stack holding the web ACL in us-east-1) against
 * CloudFormation's 500 and the portal's own budget (infra/stack/resource-limits.ts).
 * `--no-bundling` skips bundling for a quicker look; nothing is deployed and no AWS call is made.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createPortalStacks } from './stack/portal-app';
import { cdkJsonContext } from './stack/test-support';
import { cloudFormationLimit, resourceBudget } from './stack/resource-limits';

function contextFromArgs(args: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg !== '-c' && arg !== '--context') continue;
    const pair = args[++i] ?? '';
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`"${arg} ${pair}": expected ${arg} key=value`);
    context[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return context;
}

function main(): number {
  const args = process.argv.slice(2);
  const outdir = mkdtempSync(join(tmpdir(), 'portal-deploy-check-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), ...contextFromArgs(args), ...(args.includes('--no-bundling') ? { 'aws:cdk:bundling-stacks': [] } : {}) } });
  // The stage's stack and its edge stack (the web ACL, in us-east-1): both are checked and counted.
  const { portal: stack, edge } = createPortalStacks(app);
  const problems: string[] = [];

  // As `cdk synth` does (infra/app.ts): an unacknowledged error fails the synth itself.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  // Warnings do not fail a synth: they fail this check, as they fail CI (infra/stack/nag.test.ts).
  for (const checked of [stack, edge]) {
    for (const violation of new AwsSolutionsChecks().validateScope(checked).violations) {
      if (violation.severity !== 'error' && violation.severity !== 'warning') continue;
      for (const resource of violation.violatingResources) problems.push(`cdk-nag ${violation.severity} ${violation.ruleName} at ${resource.constructPath}`);
    }
  }

  console.log(`Stage ${stack.node.tryGetContext('stage') ?? 'dev'}: ${stack.stackName} and ${edge.stackName} (${edge.region}), synthesized to ${outdir}`);
  for (const file of readdirSync(outdir).filter((f) => f.endsWith('.template.json'))) {
    const count = Object.keys((JSON.parse(readFileSync(join(outdir, file), 'utf8')) as { Resources?: object }).Resources ?? {}).length;
    const verdict = count > cloudFormationLimit ? 'OVER CloudFormation\'s limit' : count > resourceBudget ? 'over the budget (room for 20 more routes is gone)' : 'ok';
    console.log(`  ${file}: ${count} resources (limit ${cloudFormationLimit}, budget ${resourceBudget}): ${verdict}`);
    if (verdict !== 'ok') problems.push(`${file} has ${count} resources: ${verdict}`);
  }
  for (const problem of problems) console.error(`✗ ${problem}`);
  console.log(problems.length ? `deploy:check failed: ${problems.length} problem(s)` : 'deploy:check passed: cdk-nag clean, every stack within its budget');
  return problems.length ? 1 : 0;
}

process.exitCode = main();
