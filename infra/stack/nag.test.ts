/**
 * cdk-nag (AWS Solutions pack) over the whole stack, for each stage shape: zero unacknowledged
 * errors and zero unacknowledged warnings. cdk-nag 3 reports through CDK's policy-validation
 * framework, not through annotations, so the pack is run directly with validateScope(); it
 * honours the same Validations.acknowledge() records `cdk synth` does.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildPortal } from './test-support';

function unacknowledgedFindings(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations
    .filter((v) => v.severity === 'error' || v.severity === 'warning')
    .flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`));
}

it('the harness catches a finding when there is one', () => {
  const stack = new Stack(new App(), 'Probe');
  new Bucket(stack, 'UnloggedBucket');
  expect(unacknowledgedFindings(stack)).toEqual(expect.arrayContaining([expect.stringContaining('AwsSolutions-S1 ')]));
});

describe.each([
  ['dev', { stage: 'dev' }],
  ['prod', { stage: 'prod' }],
  ['prod with a custom domain', { stage: 'prod', domainName: 'portal.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }],
  ['prod with SES configuration set and SMS sender', { stage: 'prod', sesConfigurationSet: 'portal', smsOriginationNumber: '+15555550100' }],
  ['prod switched to a restored table', { stage: 'prod', tableName: 'Portal-prod-restored-20261207' }],
])('%s', (_name, context) => {
  it('has no unacknowledged cdk-nag errors or warnings', () => {
    const { app, stack } = buildPortal(context);
    // Registered as infra/app.ts does: synth throws on an unacknowledged error (and runs aspects,
    // so the tree checked below is the one that gets deployed). Warnings do not fail synth,
    // hence the direct check that follows.
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    app.synth();
    expect(unacknowledgedFindings(stack)).toEqual([]);
  });
});
