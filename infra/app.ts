/**
 * CDK app entry (`npx cdk synth -c stage=dev|prod`). cdk-nag's AWS Solutions checks run on every
 * synth: an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createPortalStack } from './stack/portal-app';

const app = new App();
createPortalStack(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
