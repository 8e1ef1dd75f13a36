import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { createTableInput, tableDefinition } from '../../shared/data/table';
import { contentSecurityPolicyFor, mediaHeaders, securityHeaders, type ThirdPartyOrigins } from '../../shared/http/security-headers';
import { consumers, type FunctionAccess, routeByName, routeKey, routes, schedules, subscribers } from '../../shared/routes';
import { envNames, originVerifyHeader } from '../../shared/config/env-names';
import { resolveStageConfig } from './config';
import { routeFunctionTagKey } from './portal-api';
import { clientIpHeader, queueNames } from './portal-stack';
import { maxReceiveCount } from './work-queue';
import { actionsOf, functionLogicalId, statementsOf, type SynthesizedPortal, synthPortal } from './test-support';

// CloudFront managed policy ids (fixed by AWS).
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const cachingOptimized = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let dev: SynthesizedPortal;
let prod: SynthesizedPortal;

beforeAll(() => {
  dev = synthPortal({ stage: 'dev' });
  prod = synthPortal({ stage: 'prod' });
});

const resourcesOf = (synth: SynthesizedPortal, type: string) => Object.entries(synth.template.findResources(type));
const allFunctionNames = [...routes.map((r) => r.name), ...consumers.map((c) => c.name), ...schedules.map((s) => s.name), ...subscribers.map((s) => s.name)];
const allDefs: readonly { name: string; access: FunctionAccess }[] = [...routes, ...consumers, ...schedules, ...subscribers];
const idOf = (synth: SynthesizedPortal, element: CfnElement) => synth.stack.getLogicalId(element);
const queueArn = (synth: SynthesizedPortal, name: (typeof queueNames)[number]) =>
  ({ 'Fn::GetAtt': [idOf(synth, synth.stack.queues[name].queue.node.defaultChild as CfnElement), 'Arn'] });
const secretRef = (synth: SynthesizedPortal, id = 'OriginVerifySecret') => ({ Ref: idOf(synth, synth.stack.node.findChild(id).node.defaultChild as CfnElement) });
/** Every Resource a statement names, flattened. */
const resourcesOfStatement = (s: { Resource: unknown }) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** The pages' CSP as the stack writes it: the files bucket's origin (a token until deployed) is the one connection beyond its own (rule 84). */
const pagesCsp = (synth: SynthesizedPortal, origins: Partial<ThirdPartyOrigins> = {}) =>
  synth.stack.resolve(contentSecurityPolicyFor({ mapTileOrigin: null, uploadOrigin: synth.stack.web.uploadOrigin, ...origins }));

describe('HTTP API matches the route table', () => {
  it('has exactly one API Gateway route per row, no more, no less', () => {
    const synthesized = resourcesOf(dev, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string);
    expect([...synthesized].sort()).toEqual(routes.map(routeKey).sort());
  });

  it('sends each route to its own function, the one named after the row', () => {
    const integrations = Object.fromEntries(resourcesOf(dev, 'AWS::ApiGatewayV2::Integration'));
    const targetFunctionByRouteKey = new Map(
      resourcesOf(dev, 'AWS::ApiGatewayV2::Route').map(([, route]) => {
        const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
        const integration = integrations[integrationId]!;
        expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
        return [route.Properties.RouteKey as string, integration.Properties.IntegrationUri['Fn::GetAtt'][0] as string];
      }),
    );
    for (const route of routes) {
      expect(targetFunctionByRouteKey.get(routeKey(route))).toBe(functionLogicalId(dev.stack, route.name));
    }
    expect(new Set(targetFunctionByRouteKey.values()).size).toBe(routes.length);
  });

  it('logs access on the $default stage and throttles it', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('gives a row with its own throttle a route setting on the stage, below the stage default, created after its route', () => {
    const signIn = routeByName('requestSignInLink');
    for (const synth of [dev, prod]) {
      const [[, stage]] = resourcesOf(synth, 'AWS::ApiGatewayV2::Stage') as [[string, { DependsOn?: string[]; Properties: Record<string, any> }]];
      const throttled = routes.filter((r) => 'throttle' in r);
      expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(throttled.map(routeKey).sort());
      expect(stage.Properties.RouteSettings[routeKey(signIn)]).toEqual({
        ThrottlingRateLimit: signIn.throttle.rateLimit,
        ThrottlingBurstLimit: signIn.throttle.burstLimit,
      });
      expect(signIn.throttle.rateLimit).toBeLessThan(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit);
      expect(signIn.throttle.burstLimit).toBeLessThan(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit);
      // API Gateway refuses a setting for a route key that does not exist yet.
      const routeId = resourcesOf(synth, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === routeKey(signIn))![0];
      expect(stage.DependsOn).toContain(routeId);
    }
  });

  it('keeps the stage default throttle from the stage config', () => {
    for (const [synth, stage] of [[dev, 'dev'], [prod, 'prod']] as const) {
      const { rateLimit, burstLimit } = resolveStageConfig((key) => (key === 'stage' ? stage : undefined)).apiThrottle;
      synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        DefaultRouteSettings: { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
      });
    }
  });
});

describe('API Gateway invokes the route functions with one role, not a Lambda permission per function', () => {
  const invokeRoleId = (synth: SynthesizedPortal) => idOf(synth, synth.stack.api.invokeRole.node.defaultChild as CfnElement);
  const invokeRole = (synth: SynthesizedPortal) => synth.template.toJSON().Resources[invokeRoleId(synth)];
  const apiRef = (synth: SynthesizedPortal) => ({ Ref: idOf(synth, synth.stack.api.httpApi.node.defaultChild as CfnElement) });
  const tagsOf = (fn: { [key: string]: any }): { Key: string; Value: unknown }[] => fn.Properties.Tags ?? [];

  it('leaves no Lambda permission for any route function, nor any for API Gateway', () => {
    for (const synth of [dev, prod]) {
      const routeFunctionIds = new Set(routes.map((r) => functionLogicalId(synth.stack, r.name)));
      const forRoutesOrApiGateway = resourcesOf(synth, 'AWS::Lambda::Permission').filter(([, permission]) => {
        const target = JSON.stringify(permission.Properties.FunctionName);
        return [...routeFunctionIds].some((id) => target.includes(`"${id}"`)) || permission.Properties.Principal === 'apigateway.amazonaws.com';
      });
      expect(forRoutesOrApiGateway.map(([id]) => id)).toEqual([]);
    }
  });

  it('gives every integration the invoke role as its credentials', () => {
    for (const synth of [dev, prod]) {
      const integrations = resourcesOf(synth, 'AWS::ApiGatewayV2::Integration');
      expect(integrations).toHaveLength(routes.length);
      for (const [id, integration] of integrations) {
        expect([id, integration.Properties.CredentialsArn]).toEqual([id, { 'Fn::GetAtt': [invokeRoleId(synth), 'Arn'] }]);
        expect([id, integration.Properties.IntegrationType]).toEqual([id, 'AWS_PROXY']);
      }
    }
  });

  it('lets API Gateway alone assume the invoke role, and gives it no managed policy', () => {
    expect(invokeRole(dev).Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'apigateway.amazonaws.com' } },
    ]);
    expect(invokeRole(dev).Properties.ManagedPolicyArns).toBeUndefined();
  });

  it("allows only lambda:InvokeFunction, only on functions in this account and region tagged with this API's id", () => {
    const { Policies } = invokeRole(dev).Properties;
    expect(Policies).toHaveLength(1);
    expect(Policies[0].PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':function:*']] },
      Condition: { StringEquals: { [`aws:ResourceTag/${routeFunctionTagKey}`]: apiRef(dev) } },
    }]);
    // Nothing adds to it from outside: no separate policy is attached to the role.
    const attached = resourcesOf(dev, 'AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.Roles ?? []).includes(`"${invokeRoleId(dev)}"`));
    expect(attached).toEqual([]);
  });

  it("tags every route function with this API's id, and no other function in the stack with that key", () => {
    for (const synth of [dev, prod]) {
      const routeFunctionIds = new Set(routes.map((r) => functionLogicalId(synth.stack, r.name)));
      const lambdas = resourcesOf(synth, 'AWS::Lambda::Function');
      expect(lambdas.length).toBeGreaterThan(routeFunctionIds.size);
      for (const [id, fn] of lambdas) {
        const tag = tagsOf(fn).filter((t) => t.Key === routeFunctionTagKey).map((t) => t.Value);
        expect([id, tag]).toEqual([id, routeFunctionIds.has(id) ? [apiRef(synth)] : []]);
      }
    }
  });
});

describe('table', () => {
  it('is on-demand with PITR, TTL on the shared attribute and the shared key schema', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
    });
  });

  it('has exactly the secondary indexes of shared/data/table.ts, with the same attributes as the local stack', () => {
    const { changesIndex, listsIndex, followUpIndex } = tableDefinition;
    const [[, table]] = resourcesOf(dev, 'AWS::DynamoDB::Table') as [[string, { Properties: Record<string, any> }]];
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([changesIndex, listsIndex, followUpIndex].map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(createTableInput('any').GlobalSecondaryIndexes);
    const byName = (defs: readonly { AttributeName: string }[]) => [...defs].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName));
    expect(byName(table.Properties.AttributeDefinitions)).toEqual(byName(createTableInput('any').AttributeDefinitions));
  });

  it('is protected and retained on prod', () => {
    prod.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('can be torn down on dev', () => {
    const [[, table]] = resourcesOf(dev, 'AWS::DynamoDB::Table') as [[string, { DeletionPolicy: string; Properties: { DeletionProtectionEnabled?: boolean } }]];
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties.DeletionProtectionEnabled ?? false).toBe(false);
  });
});

describe('functions', () => {
  it('exist once per route and consumer, each on nodejs22.x / arm64, all logging to the one function log group', () => {
    expect([...dev.stack.functions.keys()].sort()).toEqual([...allFunctionNames].sort());
    const lambdas = dev.template.findResources('AWS::Lambda::Function');
    const functionLogs = { Ref: idOf(dev, dev.stack.node.findChild('FunctionLogs').node.defaultChild as CfnElement) };
    for (const name of allFunctionNames) {
      const props = lambdas[functionLogicalId(dev.stack, name)]?.Properties;
      expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(props.LoggingConfig.LogGroup).toEqual(functionLogs);
      // Source maps are shipped, not loaded at every cold start (bundling.ts).
      expect(props.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    }
  });

  it.each(schedules.map((s) => [s.name, s.everyMinutes] as const))('%s runs every %i minute(s) from an EventBridge rule, not retried (the next run is the retry)', (name, minutes) => {
    const target = { Ref: functionLogicalId(dev.stack, name) };
    const rules = resourcesOf(dev, 'AWS::Events::Rule').map(([, rule]) => (rule as { Properties: Record<string, any> }).Properties);
    const rule = rules.find((r) => JSON.stringify(r.Targets).includes(functionLogicalId(dev.stack, name)));
    expect(rule).toMatchObject({ ScheduleExpression: `rate(${minutes} minute${minutes === 1 ? '' : 's'})`, State: 'ENABLED' });
    expect(rule!.Targets[0]).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 0 } });
    expect(JSON.stringify(rule!.Targets[0].Arn)).toContain(target.Ref);
  });

  it('get exactly the variables their access needs, plus the common ones', () => {
    const lambdas = dev.template.findResources('AWS::Lambda::Function');
    for (const def of allDefs) {
      const variables = lambdas[functionLogicalId(dev.stack, def.name)]?.Properties.Environment.Variables;
      const { access } = def;
      expect(variables[envNames.stage]).toBe('dev');
      expect(variables[envNames.portalOrigin]).toBeDefined();
      expect(variables[envNames.clientIpHeader]).toBe(clientIpHeader);
      expect(envNames.tableName in variables).toBe(access.table !== undefined);
      expect(envNames.filesBucket in variables).toBe(access.files !== undefined);
      expect(envNames.emailFrom in variables).toBe(access.sendEmail !== undefined);
      for (const queue of queueNames) {
        const url = variables[envNames.queueUrl[queue]];
        if (access.queues?.includes(queue)) expect(url).toEqual({ Ref: queueArn(dev, queue)['Fn::GetAtt'][0] });
        else expect(url).toBeUndefined();
      }
      const secretArn = variables[envNames.secretArn.originVerify];
      if (access.secrets?.includes('originVerify')) expect(secretArn).toEqual(secretRef(dev));
      else expect(secretArn).toBeUndefined();
    }
  });

  it('use the distribution domain as PORTAL_ORIGIN, or the custom domain when one is configured', () => {
    const variables = (synth: SynthesizedPortal) =>
      synth.template.findResources('AWS::Lambda::Function')[functionLogicalId(synth.stack, 'getMe')]?.Properties.Environment.Variables;
    expect(JSON.stringify(variables(dev)[envNames.portalOrigin])).toMatch(/https:\/\/.*Distribution.*DomainName/);

    const withDomain = synthPortal({
      stage: 'prod',
      domainName: 'portal.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    expect(variables(withDomain)[envNames.portalOrigin]).toBe('https://portal.example.com');
    withDomain.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['portal.example.com'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
  });
});

describe('least-privilege IAM per function', () => {
  const roleIdOf = (name: string) => idOf(dev, dev.stack.functions.get(name)!.executionRole.node.defaultChild as CfnElement);

  it('gives no function role an AWS managed policy', () => {
    for (const name of allFunctionNames) {
      expect(dev.template.toJSON().Resources[roleIdOf(name)].Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('shares a role only between functions with the same access, and never between a route and a consumer', () => {
    const accessOf = (def: { access: FunctionAccess }) => JSON.stringify(def.access, Object.keys(def.access).sort());
    for (const a of allDefs) {
      for (const b of allDefs) {
        const aIsConsumer = consumers.some((c) => c.name === a.name);
        const bIsConsumer = consumers.some((c) => c.name === b.name);
        const shouldShare = a.name === b.name || (!aIsConsumer && !bIsConsumer && accessOf(a) === accessOf(b));
        expect([a.name, b.name, roleIdOf(a.name) === roleIdOf(b.name)]).toEqual([a.name, b.name, shouldShare]);
      }
    }
  });

  it('lets each role write its logs to the function log group and nowhere else', () => {
    const functionLogsArn = { 'Fn::GetAtt': [idOf(dev, dev.stack.node.findChild('FunctionLogs').node.defaultChild as CfnElement), 'Arn'] };
    for (const name of allFunctionNames) {
      const logs = statementsOf(dev, name).filter((s) => actionsOf([s]).some((a) => a.startsWith('logs:')));
      expect(logs.flatMap(resourcesOfStatement)).toEqual([functionLogsArn]);
      expect(actionsOf(logs).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    }
  });

  it('lets files=read functions get attachment objects, files=readwrite also put them, files=manage (the upload checks alone) also delete them, and no other function touch S3', () => {
    const filesBucketId = idOf(dev, dev.stack.node.findChild('FilesBucket').node.defaultChild as CfnElement);
    const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [filesBucketId, 'Arn'] }, '/*']] };
    for (const def of allDefs) {
      const s3 = statementsOf(dev, def.name).filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
      const expected = def.access.files === 'manage' ? ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'] : def.access.files === 'readwrite' ? ['s3:GetObject', 's3:PutObject'] : def.access.files === 'read' ? ['s3:GetObject'] : [];
      expect([def.name, actionsOf(s3).sort()]).toEqual([def.name, expected]);
      for (const statement of s3) expect(statement.Resource).toEqual(objects);
    }
    expect(allDefs.some((d) => d.access.files === 'readwrite')).toBe(true);
    expect(allDefs.filter((d) => d.access.files === 'manage').map((d) => d.name).sort()).toEqual(['completeAttachment', 'completeUpload']);
  });

  it('lets only sendNotification send email (to its SES identity) and texts', () => {
    for (const name of allFunctionNames) {
      const actions = actionsOf(statementsOf(dev, name));
      const isSender = name === 'sendNotification';
      expect([name, actions.includes('ses:SendEmail'), actions.includes('sns:Publish')]).toEqual([name, isSender, isSender]);
    }
    const ses = statementsOf(dev, 'sendNotification').find((s) => s.Action === 'ses:SendEmail');
    expect(JSON.stringify(ses?.Resource)).toContain(':identity/dev.portal.example.com');
  });

  it('lets only functions whose access lists a queue send to it', () => {
    for (const def of allDefs) {
      const sendsTo = statementsOf(dev, def.name).filter((s) => actionsOf([s]).includes('sqs:SendMessage')).flatMap(resourcesOfStatement);
      const expected = queueNames.filter((q) => def.access.queues?.includes(q)).map((q) => queueArn(dev, q));
      expect([def.name, sendsTo]).toEqual([def.name, expected]);
    }
  });

  it("lets only a queue's consumer receive from it", () => {
    for (const def of allDefs) {
      const receivesFrom = statementsOf(dev, def.name).filter((s) => actionsOf([s]).includes('sqs:ReceiveMessage')).flatMap(resourcesOfStatement);
      const consumer = consumers.find((c) => c.name === def.name);
      expect([def.name, receivesFrom]).toEqual([def.name, consumer ? [queueArn(dev, consumer.queue)] : []]);
    }
  });

  it('lets only functions with a secret read it: GetSecretValue on that secret alone (payments: the Stripe secret)', () => {
    for (const def of allDefs) {
      const secretStatements = statementsOf(dev, def.name).filter((s) => actionsOf([s]).some((a) => a.startsWith('secretsmanager:')));
      for (const s of secretStatements) expect([def.name, s.Effect, actionsOf([s])]).toEqual([def.name, 'Allow', ['secretsmanager:GetSecretValue']]);
      const readable = secretStatements.flatMap(resourcesOfStatement).map((r) => JSON.stringify(r)).sort();
      const expected = [
        ...(def.access.secrets?.includes('originVerify') ? [secretRef(dev)] : []),
        ...(def.access.payments ? [secretRef(dev, 'StripeSecret')] : []),
      ].map((r) => JSON.stringify(r)).sort();
      expect([def.name, readable]).toEqual([def.name, expected]);
    }
    expect(allDefs.some((d) => d.access.secrets?.length)).toBe(true);
  });

  it('gives health no table permission, and read-only routes no write permission', () => {
    expect(actionsOf(statementsOf(dev, 'health')).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    const getPortal = actionsOf(statementsOf(dev, 'getPortal'));
    expect(getPortal).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
      expect(getPortal).not.toContain(write);
    }
  });
});

describe('queues', () => {
  const queueResource = (name: (typeof queueNames)[number], which: 'queue' | 'deadLetterQueue') => {
    const id = idOf(dev, dev.stack.queues[name][which].node.defaultChild as CfnElement);
    return dev.template.toJSON().Resources[id];
  };

  it('has one queue and one dead-letter queue per queue name, all encrypted', () => {
    expect([...queueNames].sort()).toEqual([...new Set(consumers.map((c) => c.queue))].sort());
    const queues = resourcesOf(dev, 'AWS::SQS::Queue');
    // And the text replies' dead-letter queue (the SNS subscription's).
    expect(queues).toHaveLength(2 * queueNames.length + subscribers.length);
    for (const [, queue] of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it.each(queueNames)('%s parks a message in its own dead-letter queue after five tries', (name) => {
    const dlqId = idOf(dev, dev.stack.queues[name].deadLetterQueue.node.defaultChild as CfnElement);
    expect(queueResource(name, 'queue').Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount });
    expect(queueResource(name, 'deadLetterQueue').Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it.each(consumers.map((c) => [c.queue, c.name, c.maxConcurrency] as const))('%s is consumed by %s alone, with partial batch responses, at most %i invocations at once', (queue, consumer, maxConcurrency) => {
    const mappings = resourcesOf(dev, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn) === JSON.stringify(queueArn(dev, queue)));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties).toMatchObject({
      FunctionName: { Ref: functionLogicalId(dev.stack, consumer) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      // A backlog waits in its queue rather than taking the API's concurrency (issue 20).
      ScalingConfig: { MaximumConcurrency: maxConcurrency },
    });
    expect(maxConcurrency).toBeGreaterThanOrEqual(2);
    expect(maxConcurrency).toBeLessThanOrEqual(10);
  });

  it.each(consumers.map((c) => [c.queue, c.name] as const))('%s hides a message for at least six times the timeout of %s', (queue, consumer) => {
    const fn = dev.template.findResources('AWS::Lambda::Function')[functionLogicalId(dev.stack, consumer)];
    expect(fn?.Properties.Timeout).toBe(consumers.find((c) => c.name === consumer)!.timeoutSeconds);
    expect(queueResource(queue, 'queue').Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn?.Properties.Timeout);
  });

  it('refuses non-TLS access on every queue', () => {
    const policies = resourcesOf(dev, 'AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(2 * queueNames.length + subscribers.length);
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  it('refuses a queue without exactly one consumer', () => {
    const [first, ...rest] = consumers;
    expect(() => synthPortal({}, { consumers: rest })).toThrow(new RegExp(`Queue "${first.queue}" needs exactly one consumer.*found 0`));
    expect(() => synthPortal({}, { consumers: [...consumers, { ...first, name: 'secondReader' }] })).toThrow(/found 2 \(sendNotification, secondReader\)/);
  });
});

describe('origin-verify secret', () => {
  const originVerify = (synth: SynthesizedPortal) => resourcesOf(synth, 'AWS::SecretsManager::Secret').find(([id]) => id === secretRef(synth).Ref)!;
  it('is generated by CloudFormation as JSON with a random 64-character current value and no punctuation', () => {
    expect(resourcesOf(dev, 'AWS::SecretsManager::Secret')).toHaveLength(2);
    const generate = originVerify(dev)[1].Properties.GenerateSecretString;
    expect(generate).toMatchObject({ GenerateStringKey: 'current', PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false });
    expect(JSON.parse(generate.SecretStringTemplate)).toEqual({ previous: '' });
    expect(originVerify(dev)[1].Properties.SecretString).toBeUndefined();
  });

  it('is retained on prod, removed with a dev stack', () => {
    expect(originVerify(prod)[1].DeletionPolicy).toBe('Retain');
    expect(originVerify(dev)[1].DeletionPolicy).toBe('Delete');
  });
});

describe('Stripe secret', () => {
  it('is created holding empty placeholders only: no key is ever in a template', () => {
    const [, secret] = resourcesOf(dev, 'AWS::SecretsManager::Secret').find(([id]) => id === secretRef(dev, 'StripeSecret').Ref)!;
    expect(JSON.parse(secret.Properties.SecretString)).toEqual({ secretKey: '', webhookSecret: '' });
    expect(resourcesOf(prod, 'AWS::SecretsManager::Secret').find(([id]) => id === secretRef(prod, 'StripeSecret').Ref)![1].DeletionPolicy).toBe('Retain');
  });
});

describe('buckets', () => {
  it('all block public access, are encrypted and refuse plain HTTP', () => {
    const buckets = resourcesOf(dev, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(3);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    for (const [id] of buckets) {
      dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });
});

describe('CloudFront', () => {
  const distributionConfig = () => resourcesOf(dev, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
  /** Three policies: the site's (pages and assets), the API's, which never names a third-party origin, and published images' (rule 74). */
  const headersPolicyRef = (of: 'site' | 'api' | 'media') => {
    const policies = resourcesOf(dev, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(3);
    const found = policies.find(([id]) => id.startsWith(of === 'api' ? 'WebApiSecurityHeaders' : of === 'media' ? 'WebMediaHeaders' : 'WebSecurityHeaders'));
    return { Ref: found![0] };
  };

  it('serves index.html at the root and rewrites app routes on the default behavior', () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: expect.anything() },
    ]);
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(headersPolicyRef('site'));
    expect(config.Logging).toBeDefined();
  });

  it('sends /api/* to the HTTP API, uncached, with every method, viewer headers except Host, cookies and query', () => {
    const config = distributionConfig();
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      CachePolicyId: cachingDisabled,
      OriginRequestPolicyId: allViewerExceptHostHeader,
      ViewerProtocolPolicy: 'https-only',
      ResponseHeadersPolicyId: headersPolicyRef('api'),
    });
    const origin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toMatch(/ApiHttpApi.*execute-api/);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('serves /media/* (published images, rule 74) from the files bucket, GET and HEAD only, cached, with the media headers; CloudFront may read media/ and nothing else of the bucket', () => {
    const config = distributionConfig();
    const media = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/media/*');
    // CloudFront's default when unset: GET and HEAD.
    expect(media.AllowedMethods ?? ['GET', 'HEAD']).toEqual(['GET', 'HEAD']);
    expect(media).toMatchObject({ CachePolicyId: cachingOptimized, ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: headersPolicyRef('media') });
    const origin = config.Origins.find((o: { Id: string }) => o.Id === media.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toMatch(/FilesBucket/);
    expect(origin.OriginAccessControlId).toBeDefined();
    const policy = resourcesOf(dev, 'AWS::CloudFront::ResponseHeadersPolicy').find(([id]) => id.startsWith('WebMediaHeaders'))![1].Properties.ResponseHeadersPolicyConfig;
    expect(policy.SecurityHeadersConfig).toMatchObject({ ContentTypeOptions: { Override: true }, ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'none'; sandbox", Override: true } });
    expect(policy.CustomHeadersConfig.Items).toEqual(expect.arrayContaining([
      { Header: 'content-disposition', Value: 'inline', Override: true },
      { Header: 'cache-control', Value: 'public, max-age=31536000, immutable', Override: true },
    ]));
    const bucketPolicies = resourcesOf(dev, 'AWS::S3::BucketPolicy').filter(([, r]) => JSON.stringify(r.Properties.Bucket).includes('FilesBucket'));
    const cloudFrontGrants = bucketPolicies.flatMap(([, r]) => r.Properties.PolicyDocument.Statement as { Principal?: { Service?: string }; Resource: unknown }[]).filter((s) => s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(cloudFrontGrants).toHaveLength(1);
    expect(JSON.stringify(cloudFrontGrants[0]!.Resource)).toMatch(/\/media\/\*"/);
    const files = resourcesOf(dev, 'AWS::S3::Bucket').find(([id]) => id.startsWith('FilesBucket'))![1];
    expect(files.Properties.LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' })]));
    // Rule 84: customers' unclaimed uploads go after three days; browsers may POST them, and nothing else, across origins.
    expect(files.Properties.LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([expect.objectContaining({ Prefix: 'customer-uploads/', ExpirationInDays: 3, Status: 'Enabled' })]));
    expect(files.Properties.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: ['https://*.cloudfront.net'] })]);
    // The pages may connect to that one bucket (the uploads' POST), by its virtual-hosted name in the stack's region.
    const filesBucketId = resourcesOf(dev, 'AWS::S3::Bucket').find(([id]) => id.startsWith('FilesBucket'))![0];
    expect(JSON.stringify(pagesCsp(dev))).toContain(`connect-src 'self' https://\",{"Ref":"${filesBucketId}"},".s3.",{"Ref":"AWS::Region"},".amazonaws.com;`);
  });

  const apiOriginOf = (synth: SynthesizedPortal) => {
    const config = resourcesOf(synth, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    return { api: config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId), others: config.Origins.filter((o: { Id: string }) => o.Id !== api.TargetOriginId) };
  };

  it("sends the API the origin-verify header: a reference to the secret's current value, never the value", () => {
    const { api, others } = apiOriginOf(dev);
    expect(api.OriginCustomHeaders).toEqual([{
      HeaderName: originVerifyHeader,
      HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', secretRef(dev), ':SecretString:current::}}']] },
    }]);
    for (const origin of others) expect(origin.OriginCustomHeaders).toBeUndefined();
  });

  it('pins the header to a secret version when the deploy names one, so a rotation reaches CloudFront', () => {
    const versionId = '3f2c1d9e-6b1a-4c2d-9e8f-0a1b2c3d4e5f';
    const pinned = synthPortal({ stage: 'dev', originVerifyVersionId: versionId });
    expect(apiOriginOf(pinned).api.OriginCustomHeaders).toEqual([{
      HeaderName: originVerifyHeader,
      HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', secretRef(pinned), `:SecretString:current::${versionId}}}`]] },
    }]);
  });

  it('reads the site bucket through origin access control', () => {
    const s3Origin = distributionConfig().Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
  });

  it('deploys hashed assets as immutable before the revalidated index.html, then invalidates', () => {
    const deployments = resourcesOf(dev, 'Custom::CDKBucketDeployment');
    const [assetsId, assets] = deployments.find(([, d]) => d.Properties.DestinationBucketKeyPrefix === 'assets/')!;
    const [, shell] = deployments.find(([id]) => id !== assetsId)!;
    expect(assets.Properties).toMatchObject({ Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(shell.Properties).toMatchObject({ Exclude: ['assets/*'], SystemMetadata: { 'cache-control': 'no-cache' }, DistributionPaths: ['/*'] });
    expect(shell.DependsOn).toContain(assetsId);
  });

  it('with a map tile source, widens img-src to its origin alone and hands it to the functions; without, neither', () => {
    const tiles = synthPortal({ stage: 'dev', mapTileUrl: 'https://{s}.tiles.example.com/{z}/{x}/{y}.png', mapTileAttribution: '© Example' });
    tiles.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({ ContentSecurityPolicy: { ContentSecurityPolicy: pagesCsp(tiles, { mapTileOrigin: 'https://*.tiles.example.com' }), Override: true } }),
      }),
    });
    const variables = (synth: SynthesizedPortal) => synth.template.findResources('AWS::Lambda::Function')[functionLogicalId(synth.stack, 'getTracking')]?.Properties.Environment.Variables;
    expect(variables(tiles)).toMatchObject({ [envNames.mapTileUrl]: 'https://{s}.tiles.example.com/{z}/{x}/{y}.png', [envNames.mapTileAttribution]: '© Example' });
    expect(envNames.mapTileUrl in variables(dev)).toBe(false);
  });

  it('with a Stripe publishable key, allows Stripe.js\'s origin alone for the pages\' scripts and frames (API answers: never) and hands the key to getFinancing only', () => {
    const withKey = synthPortal({ stage: 'dev', stripePublishableKey: 'pk_test_51AbCdEfGhIjKlMn' });
    const policies = Object.values(withKey.template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map(
      (r) => JSON.stringify(r.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy),
    );
    expect(policies.sort()).toEqual(
      [mediaHeaders['content-security-policy'], securityHeaders['content-security-policy'], pagesCsp(withKey, { paymentMessagingOrigin: 'https://js.stripe.com' })].map((p) => JSON.stringify(p)).sort(),
    );
    const variables = (synth: SynthesizedPortal, name: string) => synth.template.findResources('AWS::Lambda::Function')[functionLogicalId(synth.stack, name)]?.Properties.Environment.Variables;
    expect(variables(withKey, 'getFinancing')).toMatchObject({ [envNames.stripePublishableKey]: 'pk_test_51AbCdEfGhIjKlMn', [envNames.stripeJsUrl]: 'https://js.stripe.com/v3/' });
    expect(envNames.stripePublishableKey in variables(withKey, 'getPortal')).toBe(false);
    expect(envNames.stripePublishableKey in variables(dev, 'getFinancing')).toBe(false);
    // A secret key given by mistake never reaches a page: synth refuses it.
    expect(() => synthPortal({ stage: 'dev', stripePublishableKey: 'sk_test_51AbCdEfGhIjKlMn' })).toThrow(/publishable key/);
  });

  it('answers with the security headers from shared/http/security-headers.ts', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: pagesCsp(dev), Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: false, Override: true },
        },
        CustomHeadersConfig: {
          Items: Match.arrayWith([
            { Header: 'permissions-policy', Value: securityHeaders['permissions-policy'], Override: true },
            { Header: 'cross-origin-opener-policy', Value: securityHeaders['cross-origin-opener-policy'], Override: true },
          ]),
        },
      }),
    });
  });
});

it('outputs the portal URL, API URL, table name, each queue and dead-letter queue URL, the secrets\' ARNs and the text replies\' topic', () => {
  expect(Object.keys(dev.template.toJSON().Outputs).sort()).toEqual([
    'ApiUrl',
    'NotificationsDeadLetterQueueUrl',
    'NotificationsQueueUrl',
    'OriginVerifySecretArn',
    'PaymentsDeadLetterQueueUrl',
    'PaymentsQueueUrl',
    'PortalUrl',
    'StripeSecretArn',
    'TableName',
    'TextRepliesDeadLetterQueueUrl',
    'TextRepliesTopicArn',
    'WebhooksDeadLetterQueueUrl',
    'WebhooksQueueUrl',
  ]);
  expect(dev.template.toJSON().Outputs.OriginVerifySecretArn.Value).toEqual(secretRef(dev));
});

it('subscribes receiveTextReply to an SSL-only topic that only End User Messaging of this account may publish to', () => {
  const template = dev.template.toJSON();
  const subscriptions = Object.values(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>).filter((r) => r.Type === 'AWS::SNS::Subscription');
  expect(subscriptions).toHaveLength(1);
  expect(subscriptions[0]!.Properties.Protocol).toBe('lambda');
  expect(JSON.stringify(subscriptions[0]!.Properties.Endpoint)).toContain('receiveTextReply');
  const policies = Object.values(template.Resources as Record<string, { Type: string; Properties: { PolicyDocument: { Statement: { Principal?: unknown; Action: unknown; Effect: string; Condition?: unknown }[] } } }>).filter((r) => r.Type === 'AWS::SNS::TopicPolicy');
  const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
  expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'sms-voice.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': expect.anything() } } }));
  expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  // A reply SNS cannot hand over is kept, not dropped.
  expect(JSON.stringify(subscriptions[0]!.Properties.RedrivePolicy)).toContain('TextRepliesDeadLetters');
});
