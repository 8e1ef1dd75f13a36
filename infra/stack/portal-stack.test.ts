import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { tableDefinition } from '../../shared/data/table';
import { contentSecurityPolicy, securityHeaders } from '../../shared/http/security-headers';
import { consumers, routeKey, routes } from '../../shared/routes';
import { envNames } from '../../shared/config/env-names';
import { maxReceiveCount } from './notification-queue';
import { clientIpHeader } from './portal-stack';
import { actionsOf, functionLogicalId, statementsOf, type SynthesizedPortal, synthPortal } from './test-support';

// CloudFront managed policy ids (fixed by AWS).
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let dev: SynthesizedPortal;
let prod: SynthesizedPortal;

beforeAll(() => {
  dev = synthPortal({ stage: 'dev' });
  prod = synthPortal({ stage: 'prod' });
});

const resourcesOf = (synth: SynthesizedPortal, type: string) => Object.entries(synth.template.findResources(type));
const allFunctionNames = [...routes.map((r) => r.name), ...consumers.map((c) => c.name)];

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
      AttributeDefinitions: [
        { AttributeName: tableDefinition.partitionKey, AttributeType: 'S' },
        { AttributeName: tableDefinition.sortKey, AttributeType: 'S' },
      ],
    });
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
  it('exist once per route and consumer, each on nodejs22.x / arm64 with its own log group', () => {
    expect([...dev.stack.functions.keys()].sort()).toEqual([...allFunctionNames].sort());
    const lambdas = dev.template.findResources('AWS::Lambda::Function');
    for (const name of allFunctionNames) {
      const props = lambdas[functionLogicalId(dev.stack, name)]?.Properties;
      expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(props.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
      expect(props.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('get exactly the variables their access needs, plus the common ones', () => {
    for (const def of [...routes, ...consumers]) {
      const variables = dev.template.findResources('AWS::Lambda::Function')[functionLogicalId(dev.stack, def.name)]?.Properties.Environment.Variables;
      const access = def.access as Record<string, unknown>;
      expect(variables[envNames.stage]).toBe('dev');
      expect(variables[envNames.portalOrigin]).toBeDefined();
      expect(variables[envNames.clientIpHeader]).toBe(clientIpHeader);
      expect(envNames.tableName in variables).toBe(access.table !== undefined);
      expect(envNames.filesBucket in variables).toBe(access.files !== undefined);
      expect(envNames.notificationQueueUrl in variables).toBe(access.notificationQueue !== undefined);
      expect(envNames.emailFrom in variables).toBe(access.sendEmail !== undefined);
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
  it('gives no function role an AWS managed policy', () => {
    for (const name of allFunctionNames) {
      const roleId = dev.stack.getLogicalId(dev.stack.functions.get(name)!.executionRole.node.defaultChild as CfnElement);
      expect(dev.template.toJSON().Resources[roleId].Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('lets getJob read attachment objects, and no function without files access', () => {
    const filesBucketId = dev.stack.getLogicalId(dev.stack.node.findChild('FilesBucket').node.defaultChild as CfnElement);
    expect(statementsOf(dev, 'getJob')).toContainEqual(expect.objectContaining({
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [filesBucketId, 'Arn'] }, '/*']] },
    }));
    for (const def of [...routes, ...consumers].filter((d) => !('files' in d.access))) {
      expect(actionsOf(statementsOf(dev, def.name)).filter((a) => a.startsWith('s3:'))).toEqual([]);
    }
  });

  it('lets only the consumer send email (to its SES identity) and texts', () => {
    for (const name of allFunctionNames) {
      const actions = actionsOf(statementsOf(dev, name));
      const isConsumer = name === 'sendNotification';
      expect(actions.includes('ses:SendEmail')).toBe(isConsumer);
      expect(actions.includes('sns:Publish')).toBe(isConsumer);
    }
    const ses = statementsOf(dev, 'sendNotification').find((s) => s.Action === 'ses:SendEmail');
    expect(JSON.stringify(ses?.Resource)).toContain(':identity/dev.portal.example.com');
  });

  it('lets only functions with queue access send to the queue', () => {
    for (const def of [...routes, ...consumers]) {
      expect(actionsOf(statementsOf(dev, def.name)).includes('sqs:SendMessage')).toBe('notificationQueue' in def.access);
    }
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

describe('notification queue', () => {
  it('parks a message in the dead-letter queue after five tries, both queues encrypted', () => {
    const queues = resourcesOf(dev, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    const main = queues.find(([, q]) => q.Properties.RedrivePolicy)!;
    const [dlqId] = queues.find(([id]) => id !== main[0])!;
    expect(main[1].Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount });
    for (const [, queue] of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('hides a message for at least six times the consumer timeout', () => {
    const main = resourcesOf(dev, 'AWS::SQS::Queue').find(([, q]) => q.Properties.RedrivePolicy)![1];
    const consumer = dev.template.findResources('AWS::Lambda::Function')[functionLogicalId(dev.stack, 'sendNotification')];
    expect(main.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer?.Properties.Timeout);
  });

  it('refuses non-TLS access', () => {
    expect(resourcesOf(dev, 'AWS::SQS::QueuePolicy')).toHaveLength(2);
    dev.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('is consumed by the consumer with partial batch responses', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionLogicalId(dev.stack, 'sendNotification') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
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
  const headersPolicyRef = () => {
    const policies = resourcesOf(dev, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    return { Ref: policies[0]![0] };
  };

  it('serves index.html at the root and rewrites app routes on the default behavior', () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: expect.anything() },
    ]);
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(headersPolicyRef());
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
      ResponseHeadersPolicyId: headersPolicyRef(),
    });
    const origin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toMatch(/ApiHttpApi.*execute-api/);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
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

  it('answers with the security headers from shared/http/security-headers.ts', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: contentSecurityPolicy, Override: true },
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

it('outputs the portal URL, API URL, table name and queue URL', () => {
  expect(Object.keys(dev.template.toJSON().Outputs).sort()).toEqual(['ApiUrl', 'NotificationQueueUrl', 'PortalUrl', 'TableName']);
});
